// The dashboards' messages (lib/i18n/messages/dashboard.ts) over the app's
// translator: a dashboard key is looked up here first, anything else (channel
// names, RFM segments, common words) in the registered areas.
import { en, zh } from "@/lib/i18n/messages/dashboard";
import { translator, type Locale, type Translate } from "@/lib/i18n/translate";

export function dashboardTranslator(locale: Locale): Translate {
  const base = translator(locale);
  const own: Record<string, string> = locale === "en" ? en : zh;
  return (key, params) => {
    const text = own[String(key)];
    if (text === undefined) return base(key, params);
    return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
  };
}
