import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/messages";
import { verifyEmailAction } from "./actions";

// The target of the link mailed to a new address. Opening the link changes nothing: the address
// is confirmed by the button (a POST), as django-allauth does unless ACCOUNT_CONFIRM_EMAIL_ON_GET
// is set, because mail scanners and link previewers open every link in a message. A GET that
// confirmed would let a stranger's scanner confirm an address its owner never looked at.
export const metadata: Metadata = { title: "Confirm your e-mail address · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

function InvalidLink() {
  return (
    <>
      <p role="alert" className="form-error">
        This verification link is invalid: it may have expired, been used already, or been sent to an address the
        account no longer has.
      </p>
      <p>
        Sign in and ask for a new link on <Link href="/account#profile">your account page</Link>.
      </p>
    </>
  );
}

export default async function EmailVerifyPage({ searchParams }: Props) {
  const params = await searchParams;
  const result = single(params.result);
  const token = single(params.token);
  return (
    <>
      <h1>Confirm your e-mail address</h1>
      {result === "verified" ? (
        <>
          <p role="status" className="notice">
            {messages.emailVerified}
          </p>
          <p>
            <Link href="/account">Go to your account</Link>
          </p>
        </>
      ) : result === "invalid" || !token ? (
        <InvalidLink />
      ) : (
        <form action={verifyEmailAction}>
          <p>Press the button to confirm that this address belongs to you.</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit">Confirm my e-mail address</button>
        </form>
      )}
    </>
  );
}
