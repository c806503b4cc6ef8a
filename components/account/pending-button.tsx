"use client";

import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";

/** A submit button that is disabled while its form is being sent, so one click acts once. */
export function PendingButton({ children, className }: { children: ReactNode; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending}>
      {children}
    </button>
  );
}
