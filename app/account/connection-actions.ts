"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ACCOUNT_PATH } from "@/components/account/links";
import { currentRequestInfo } from "@/lib/auth/current";
import { requireAccountHolder } from "@/lib/auth/page-guards";
import { removeConnection } from "@/lib/connections";

/** The account page's "Disconnect": the same domain function as DELETE /api/connections/{id}. */
export async function disconnectAction(formData: FormData): Promise<void> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const id = formData.get("id");
  if (typeof id !== "string") return;
  const outcome = await removeConnection(user.id, id, await currentRequestInfo());
  if (outcome === "last-way") redirect(`${ACCOUNT_PATH}?connection=last-way#connections`);
  revalidatePath(ACCOUNT_PATH);
}
