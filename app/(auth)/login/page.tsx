import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/login/login-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { logInAction, passkeyLoginAction, passkeyLoginOptionsAction } from "./actions";

export const metadata: Metadata = { title: "Log in · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  const register = next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;
  return (
    <>
      <h1>Log in</h1>
      <LoginForm action={logInAction} next={next} />
      <PasskeyButton label="Sign in with a passkey" getOptions={passkeyLoginOptionsAction} finish={passkeyLoginAction} next={next} />
      <p className="hint">
        <Link href="/password/reset">Forgot your password?</Link>
      </p>
      <p className="hint">
        No account yet? <Link href={register}>Register</Link>
      </p>
    </>
  );
}
