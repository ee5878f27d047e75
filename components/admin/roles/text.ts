// Client components of the admin area get their strings from the server page (the
// message catalogue stays on the server): the page picks the keys, the component
// fills any {placeholders} itself.
import type { MessageKey, Translate } from "@/lib/i18n/translate";

export type Text<K extends string> = Record<K, string>;

export function pickText<K extends MessageKey>(t: Translate, keys: readonly K[]): Text<K> {
  return Object.fromEntries(keys.map((k) => [k, t(k)])) as Text<K>;
}

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
}
