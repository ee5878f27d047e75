// The client forms' words, translated on the server and passed down as plain strings.
import { INTERACTION_CHANNELS, INTERACTION_TYPES } from "@/lib/customers/schemas";
import type { Translate } from "@/lib/i18n/translate";
import type { InteractionFormText } from "@/components/customers/InteractionForm";
import type { TagEditorText } from "@/components/customers/TagEditor";

export function tagEditorText(t: Translate): TagEditorText {
  return {
    add: t("customers.tagEditor.add"), adding: t("customers.tagEditor.adding"), label: t("customers.tagEditor.label"),
    remove: t("customers.tagEditor.remove"), removeNamed: t("customers.tagEditor.removeNamed"),
    computed: t("customers.tagEditor.computed"), none: t("customers.tags.none"),
  };
}

export function interactionFormText(t: Translate): InteractionFormText {
  return {
    channel: t("customers.interaction.channel"), type: t("customers.interaction.type"), note: t("customers.interaction.note"),
    occurredAt: t("customers.interaction.occurredAt"), occurredAtHelp: t("customers.interaction.occurredAtHelp"),
    submit: t("customers.interaction.submit"), saving: t("customers.interaction.saving"), saved: t("customers.interaction.saved"),
    channels: Object.fromEntries(INTERACTION_CHANNELS.map((c) => [c, t(`customers.interactionChannel.${c}`)])),
    types: Object.fromEntries(INTERACTION_TYPES.map((x) => [x, t(`customers.interactionType.${x}`)])),
  };
}
