/** The HTTP method in capitals, coloured by what it does (read, create, change, delete). */
export function MethodBadge({ method }: { method: string }) {
  return <span className={`method method-${method.toLowerCase()}`}>{method.toUpperCase()}</span>;
}
