import Link from "next/link";

/** Django's PasswordResetConfirmView wording for a link that is wrong, used or out of date. */
export function InvalidResetLink() {
  return (
    <div className="card">
      <p role="alert" className="form-error">
        The password reset link was invalid, possibly because it has already been used or has expired.
      </p>
      <p>
        <Link href="/password/reset">Ask for a new link</Link>
      </p>
    </div>
  );
}
