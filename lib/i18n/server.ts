// The request's locale: the `locale` cookie (the user's switch), else the tenant's
// default passed in, else the installation default.
import { cookies } from "next/headers";
import { isLocale, translator, type Locale, type Translate } from "@/lib/i18n/translate";

export const LOCALE_COOKIE = "locale";

/** The installation's default when neither cookie nor tenant says (zh-CN unless CRM_DEFAULT_LOCALE). */
export function defaultLocale(): Locale {
  return isLocale(process.env.CRM_DEFAULT_LOCALE) ? process.env.CRM_DEFAULT_LOCALE : "zh-CN";
}

export async function getLocale(fallback: Locale = defaultLocale()): Promise<Locale> {
  try {
    const value = (await cookies()).get(LOCALE_COOKIE)?.value;
    return isLocale(value) ? value : fallback;
  } catch {
    return fallback; // outside a request (tests, jobs)
  }
}

export async function getT(fallback?: Locale): Promise<Translate> {
  return translator(await getLocale(fallback));
}
