// The benchmark's baseline: the same JSON as GET /api/me, with no authentication and no wrapper.
// A `.bench.ts` file is a route only in the benchmark build (next.config.mjs adds the extension
// when VESTIBULE_BENCH=1), so production builds do not have it.
const user = {
  id: "cmbenchbaseline000000000",
  username: "bench",
  first_name: "",
  last_name: "",
  email: "",
  is_staff: false,
  date_joined: "2026-11-27T05:00:00.000Z",
  last_login: "2026-11-27T05:00:01.000Z",
};

export async function GET() {
  return Response.json(user);
}
