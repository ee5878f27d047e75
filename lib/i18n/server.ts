// The request's locale: the `locale` cookie (the user's switch), else the tenant's
// default passed in, else zh-CN.
import { cookies } from "next/headers";
import { isLocale, translator, type Locale, type Translate } from "@/lib/i18n/translate";

export const LOCALE_COOKIE = "locale";

export async function getLocale(fallback: Locale = "zh-CN"): Promise<Locale> {
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
