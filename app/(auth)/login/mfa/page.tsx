import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { SecondStepForm } from "@/components/mfa/second-step-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { FormError } from "@/components/form-error";
import { messages } from "@/lib/messages";
import { secondFactorMethods } from "@/lib/mfa/status";
import { readTicketCookie } from "@/lib/mfa/ticket-cookie";
import { findTicket } from "@/lib/mfa/tickets";
import { secondStepAction, secondStepPasskeyAction, secondStepPasskeyOptionsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("secondStep") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const withNext = (path: string, next: string, extra = "") => {
  const query = [next === "/" ? "" : `next=${encodeURIComponent(next)}`, extra].filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
};

export default async function SecondStepPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const recovery = params.use === "recovery";
  const t = await getTranslations("secondStep");
  const ticket = await readTicketCookie();
  const held = ticket ? await findTicket(ticket) : null;
  if (!held) {
    return (
      <>
        <h1>{t("title")}</h1>
        <FormError message={messages.loginExpired} />
        <p className="hint">
          <Link href={withNext("/login", next)}>{t("logIn")}</Link>
        </p>
      </>
    );
  }
  const methods = await secondFactorMethods(held.userId);
  return (
    <>
      <h1>{t("title")}</h1>
      <SecondStepForm key={recovery ? "recovery" : "app"} action={secondStepAction} next={next} recovery={recovery} />
      <p className="hint">
        {recovery ? (
          <Link href={withNext("/login/mfa", next)}>{t("useApp")}</Link>
        ) : (
          <Link href={withNext("/login/mfa", next, "use=recovery")}>{t("useRecovery")}</Link>
        )}
      </p>
      {methods.includes("passkey") && (
        <PasskeyButton
          label={t("usePasskey")}
          getOptions={secondStepPasskeyOptionsAction}
          finish={secondStepPasskeyAction}
          next={next}
        />
      )}
    </>
  );
}
