// Labels of codes stored as free text: the known ones translated, others as stored.
import { channelLabelKey } from "@/lib/customers/channels";
import { statusLabelKey } from "@/lib/orders/statuses";
import type { Translate } from "@/lib/i18n/translate";

function known(t: Translate, key: string, code: string): string {
  const text = t(key);
  return text === key ? code : text;
}

export const channelLabel = (t: Translate, code: string) => known(t, channelLabelKey(code), code);
export const statusLabel = (t: Translate, code: string) => known(t, statusLabelKey(code), code);
