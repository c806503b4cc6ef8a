"use server";

import { redirect } from "next/navigation";
import { currentRequestInfo } from "@/lib/auth/current";
import { verifyEmail } from "@/lib/email/verification";

/** The confirm button of /email/verify: the same domain function as POST /api/email/verify. */
export async function verifyEmailAction(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const verified =
    typeof token === "string" && token.length <= 200 && (await verifyEmail(token, await currentRequestInfo()));
  redirect(`/email/verify?result=${verified ? "verified" : "invalid"}`);
}
