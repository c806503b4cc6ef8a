import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ResetRequestForm } from "@/components/reset/reset-request-form";
import { requestResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password · Vestibule" };

export default async function PasswordResetPage() {
  // Rendered per request: the Content-Security-Policy nonce (proxy.ts) is new each time, and a
  // prerendered page's scripts would not carry it.
  await connection();
  return (
    <>
      <h1>Reset your password</h1>
      <p>Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
      <ResetRequestForm action={requestResetAction} />
      <p className="hint">
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </>
  );
}
