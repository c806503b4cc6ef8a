import Link from "next/link";
import { logOutAction } from "@/app/(auth)/logout/actions";
import { Notice } from "@/components/notice";
import { currentIdentity } from "@/lib/auth/current";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Home({ searchParams }: Props) {
  const { user } = await currentIdentity();
  if (!user.isAuthenticated) {
    const { account } = await searchParams;
    return (
      <section className="card">
        <h1>Welcome</h1>
        <Notice message={account === "deleted" ? "Your account has been deleted." : undefined} />
        <p>You are not signed in</p>
        <p className="links">
          <Link href="/login">Log in</Link>
          <Link href="/register">Register</Link>
          <Link href="/docs">API documentation</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>Welcome back</h1>
      <p>Signed in as {user.username}</p>
      <p className="links">
        <Link href="/account">Your account</Link>
        {user.isStaff ? <Link href="/admin/users">Manage users</Link> : null}
        <Link href="/docs">API documentation</Link>
      </p>
      <form action={logOutAction}>
        <button type="submit">Log out</button>
      </form>
    </section>
  );
}
