import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { emptyFormState, type FormState } from "@/lib/form-state";
import type { Message } from "@/lib/messages";
import { useServerErrors } from "@/components/use-server-errors";

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Joins a react-hook-form form to a server action. Without JavaScript the <form> posts to the
 * action and the page comes back with its errors; with JavaScript the shared zod schema is
 * checked first and only a valid form is sent.
 */
export function useActionForm<Values extends FieldValues, Context, Output>(
  form: UseFormReturn<Values, Context, Output>,
  action: FormAction,
) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const server = useServerErrors(state);
  const { setFocus } = form;

  // Take the person to the first field the server refused, as react-hook-form does for its own errors.
  useEffect(() => {
    const first = Object.keys(state.errors)[0];
    if (first) setFocus(first as Path<Values>);
  }, [state, setFocus]);

  // Dispatching by hand rather than through the form's own submission also keeps React from
  // resetting the inputs when the action returns.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    // The button pressed goes with the data, as in a post without JavaScript: a form with a button
    // per choice (one per provider) names the choice by it.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    return form.handleSubmit(() => startTransition(() => formAction(new FormData(element, submitter))))(event);
  }

  function errorsFor(name: Path<Values>): Message[] {
    // The shared schema's messages are lib/messages.ts's codes, as the server's are.
    const message = form.getFieldState(name, form.formState).error?.message as Message | undefined;
    return message ? [message] : (server.errors[name] ?? []);
  }

  function field(name: Path<Values>) {
    return {
      ...form.register(name, { onChange: () => server.clear(name) }),
      defaultValue: state.values[name],
      errors: errorsFor(name),
    };
  }

  return { state, pending, formAction, onSubmit, field };
}
