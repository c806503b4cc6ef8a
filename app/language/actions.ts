"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentIdentity, currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { isLocale, LANG_COOKIE } from "@/lib/i18n/locale";
import { languageCookieOptions, rememberLanguage } from "@/lib/i18n/preference";

/**
 * The header's language switcher: a plain form post (it works without JavaScript; as a server
 * action it is guarded by Next's Origin check). Sets the `lang` cookie, remembers the choice on a
 * signed-in person's account, and goes back to the page it was pressed on (a same-site path only:
 * the form's `next` is typed by the client).
 */
export async function chooseLanguageAction(formData: FormData): Promise<void> {
  const back = safeNextPath(formData.get("next"));
  const lang = formData.get("lang");
  if (!isLocale(lang)) redirect(back);

  const { secure } = await currentRequestInfo();
  (await cookies()).set(LANG_COOKIE, lang, languageCookieOptions(secure));
  const { user } = await currentIdentity();
  if (user.isAuthenticated) await rememberLanguage(user.id, lang);
  redirect(back);
}
