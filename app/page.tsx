export default async function Home() {
  return <h1>Vestibule</h1>;
}
