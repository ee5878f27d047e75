// Channel and kind names as the 360 timeline shows them; an unknown kind (from an
// import) is shown as stored rather than as a message key.
import type { Translate } from "@/lib/i18n/translate";

export function interactionLabels(t: Translate) {
  const label = (prefix: string) => (value: string) => {
    const key = `${prefix}.${value}`;
    const text = t(key);
    return text === key ? value : text;
  };
  return { channel: label("customers.interactionChannel"), type: label("customers.interactionType") };
}
