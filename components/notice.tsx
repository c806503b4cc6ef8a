/** A form's confirmation ("saved", "sent"), read out politely rather than as an interrupting alert. */
export function Notice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className="notice">
      {message}
    </p>
  );
}
