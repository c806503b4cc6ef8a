import { useState } from "react";
import type { FormState } from "@/lib/form-state";
import type { FieldErrors } from "@/lib/validation";

/** The field errors of the last submission, each dropped as soon as the person edits its field. */
export function useServerErrors(state: FormState) {
  const [shownState, setShownState] = useState(state);
  const [errors, setErrors] = useState<FieldErrors>(state.errors);
  // A new answer from the server replaces the old errors (React's "adjust state on prop change").
  if (shownState !== state) {
    setShownState(state);
    setErrors(state.errors);
  }
  function clear(name: string) {
    setErrors((current) =>
      name in current ? Object.fromEntries(Object.entries(current).filter(([field]) => field !== name)) : current,
    );
  }
  return { errors, clear };
}
