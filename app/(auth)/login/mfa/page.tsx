import type { Metadata } from "next";
import Link from "next/link";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { SecondStepForm } from "@/components/mfa/second-step-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { messages } from "@/lib/messages";
import { secondFactorMethods } from "@/lib/mfa/status";
import { readTicketCookie } from "@/lib/mfa/ticket-cookie";
import { findTicket } from "@/lib/mfa/tickets";
import { secondStepAction, secondStepPasskeyAction, secondStepPasskeyOptionsAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor authentication · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const withNext = (path: string, next: string, extra = "") => {
  const query = [next === "/" ? "" : `next=${encodeURIComponent(next)}`, extra].filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
};

export default async function SecondStepPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const recovery = params.use === "recovery";
  const ticket = await readTicketCookie();
  const held = ticket ? await findTicket(ticket) : null;
  if (!held) {
    return (
      <>
        <h1>Two-factor authentication</h1>
        <p className="form-error">{messages.loginExpired}</p>
        <p className="hint">
          <Link href={withNext("/login", next)}>Log in</Link>
        </p>
      </>
    );
  }
  const methods = await secondFactorMethods(held.userId);
  return (
    <>
      <h1>Two-factor authentication</h1>
      <SecondStepForm key={recovery ? "recovery" : "app"} action={secondStepAction} next={next} recovery={recovery} />
      <p className="hint">
        {recovery ? (
          <Link href={withNext("/login/mfa", next)}>Use a code from your authenticator app</Link>
        ) : (
          <Link href={withNext("/login/mfa", next, "use=recovery")}>Use a recovery code</Link>
        )}
      </p>
      {methods.includes("passkey") && (
        <PasskeyButton
          label="Use a passkey"
          getOptions={secondStepPasskeyOptionsAction}
          finish={secondStepPasskeyAction}
          next={next}
        />
      )}
    </>
  );
}
