import Link from "next/link";
import { messages } from "@/lib/messages";

/** What a signed-in person who is not staff sees instead of a staff page (the API's 403). */
export function PermissionDenied() {
  return (
    <section className="card">
      <h1>Permission denied</h1>
      <p role="alert" className="form-error">
        {messages.permissionDenied}
      </p>
      <p>
        <Link href="/">Back to the home page</Link>
      </p>
    </section>
  );
}

/** Shown after a change that the staff rules refused (the API's 403 for PATCH /api/admin/users/{id}). */
export function ChangeRefused({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <p role="alert" className="form-error card">
      {messages.staffChangeRefused}
    </p>
  );
}
