"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { USERS_PATH } from "@/components/admin/links";
import { currentIdentity, currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { isStaff } from "@/lib/auth/permissions";
import { updateManagedUser } from "@/lib/users/staff";
import { staffUserUpdateSchema, type StaffUserUpdate } from "@/lib/validation";

// Staff would lock themselves out: the page offers no such button, and a forged form gets nowhere.
const locksOut = (change: StaffUserUpdate) => change.is_active === false || change.is_staff === false;

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
  if (typeof id === "string" && change.success && !(id === identity.user.id && locksOut(change.data))) {
    await updateManagedUser(id, change.data, { ...(await currentRequestInfo()), staffUserId: identity.user.id });
  }
  revalidatePath(USERS_PATH, "layout");
  redirect(back);
}
