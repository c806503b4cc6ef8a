"use server";

import { revalidatePath } from "next/cache";
import { ACCOUNT_PATH } from "@/components/account/links";
import { requireAccountHolder } from "@/lib/auth/page-guards";
import { keepWaysIn } from "@/lib/ways-in-review";

/** The review's "Keep these": closes the review the page showed. */
export async function keepWaysInAction(formData: FormData): Promise<void> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const opened = formData.get("opened");
  if (typeof opened === "string") await keepWaysIn(user.id, opened);
  revalidatePath(ACCOUNT_PATH);
}
