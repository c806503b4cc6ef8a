"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { USERS_PATH } from "@/components/admin/links";
import { currentIdentity, currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { isStaff } from "@/lib/auth/permissions";
import { updateManagedUser } from "@/lib/users/managed-users";
import { staffUserUpdateSchema } from "@/lib/validation";

/** Back to the page, which then says the change was refused (the staff rules, lib/users/managed-users.ts). */
function refusedAt(back: string): string {
  const url = new URL(back, "http://vestibule.invalid");
  url.searchParams.set("refused", "1");
  return `${url.pathname}${url.search}`;
}

/**
 * A Deactivate / Reactivate / Grant staff / Revoke staff button: the same schema and domain
 * function as PATCH /api/admin/users/{id}. Then back to the page it was pressed on (a fresh GET,
 * so reloading that page never sends the change again).
 */
export async function updateUserAction(formData: FormData): Promise<void> {
  const back = safeNextPath(formData.get("next") ?? USERS_PATH);
  // Checked again here: a server action can be called by anyone, whoever was shown the button.
  const identity = await currentIdentity();
  if (!isStaff(identity)) redirect(back);

  const id = formData.get("id");
  const change = staffUserUpdateSchema.safeParse(Object.fromEntries(formData));
  let refused = false;
  if (typeof id === "string" && change.success) {
    const result = await updateManagedUser(id, change.data, identity, (await currentRequestInfo()).requestId);
    refused = !result.ok && result.code === "forbidden";
  }
  revalidatePath(USERS_PATH, "layout");
  redirect(refused ? refusedAt(back) : back);
}
