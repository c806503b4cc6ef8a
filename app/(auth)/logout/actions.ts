"use server";

import { redirect } from "next/navigation";
import { currentIdentity, currentRequestInfo } from "@/lib/auth/current";
import { logOut } from "@/lib/login/login";

/** The home page's "Log out" button: ends this session on the server, as POST /api/logout does. */
export async function logOutAction(): Promise<void> {
  await logOut(await currentIdentity(), await currentRequestInfo());
  redirect("/");
}
