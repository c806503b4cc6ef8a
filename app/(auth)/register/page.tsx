import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/register/register-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { registerAction } from "./actions";

export const metadata: Metadata = { title: "Register · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegisterPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  const login = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
  return (
    <>
      <h1>Register</h1>
      <RegisterForm action={registerAction} next={next} />
      <p className="hint">
        Already have an account? <Link href={login}>Log in</Link>
      </p>
    </>
  );
}
