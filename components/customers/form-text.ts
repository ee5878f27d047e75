// The client forms' words, translated on the server and passed down as plain strings.
import { INTERACTION_CHANNELS, INTERACTION_TYPES } from "@/lib/customers/schemas";
import type { Translate } from "@/lib/i18n/translate";
import type { InteractionFormText } from "@/components/customers/InteractionForm";
import type { TagEditorText } from "@/components/customers/TagEditor";
import type { CustomerFormText } from "@/components/customers/CustomerForm";
import type { DuplicateListText } from "@/components/customers/DuplicateList";
import { IDENTITY_CHANNELS, KNOWN_CHANNELS, channelLabelKey } from "@/lib/customers/channels";
import { GENDERS } from "@/lib/customers/edit-schema";

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

export function duplicateListText(t: Translate): DuplicateListText {
  return {
    reasons: { phone: t("customers.duplicates.reason.phone"), email: t("customers.duplicates.reason.email"), identity: t("customers.duplicates.reason.identity") },
    owner: t("customers.duplicates.owner"), since: t("customers.duplicates.since"),
    open: t("customers.duplicates.open"), merge: t("customers.duplicates.merge"),
  };
}

export function customerFormText(t: Translate, mode: "create" | "edit"): CustomerFormText {
  const f = (k: string) => t(`customers.form.${k}`);
  return {
    sections: { contact: f("section.contact"), profile: f("section.profile"), assignment: f("section.assignment"), identity: f("section.identity") },
    fields: {
      name: f("name"), phone: f("phone"), email: f("email"), gender: f("gender"), birthday: f("birthday"), province: f("province"),
      city: f("city"), district: f("district"), address: f("address"), occupation: f("occupation"), interests: f("interests"),
      sourceChannel: f("sourceChannel"), homeStoreId: f("homeStore"), ownerUserId: f("owner"),
      identityChannel: f("identityChannel"), identityExternalId: f("identityExternalId"),
    },
    phoneHelp: f("phoneHelp"), interestsHelp: f("interestsHelp"), identityHelp: f("identityHelp"), genderNone: f("genderNone"),
    sourceChannelNone: f("sourceChannelNone"), homeStoreNone: f("homeStoreNone"), ownerSelf: f("ownerSelf"),
    ownerUnassigned: f("ownerUnassigned"), ownerFixed: f("ownerFixed"), identityChannelNone: f("identityChannelNone"),
    maskedPhone: f("maskedPhone"), maskedEmail: f("maskedEmail"), removePhone: f("removePhone"), removeEmail: f("removeEmail"),
    submit: mode === "create" ? f("create") : f("save"), saving: f("saving"), cancel: f("cancel"), noChanges: f("noChanges"), reload: f("reload"),
    duplicatesTitle: t("customers.duplicates.title"), duplicatesBeforeSave: t("customers.duplicates.beforeSave"),
    duplicatesIntro: t("customers.duplicates.intro"), saveAnyway: t("customers.duplicates.saveAnyway"), checking: t("customers.duplicates.checking"),
    duplicateList: duplicateListText(t),
  };
}

/** Choices of the form that need words: genders, source channels (known ones and the stored one), channel-id kinds. */
export function customerFormChoices(t: Translate, currentChannel: string | null) {
  const label = (code: string) => {
    const text = t(channelLabelKey(code));
    return text === channelLabelKey(code) ? code : text;
  };
  const channels = [...new Set([...KNOWN_CHANNELS, ...(currentChannel ? [currentChannel] : [])])];
  return {
    genders: GENDERS.map((g) => ({ value: g, label: t(`customers.gender.${g}`) })),
    channels: channels.map((c) => ({ value: c, label: label(c) })),
    identityChannels: IDENTITY_CHANNELS.map((c) => ({ value: c, label: label(c) })),
  };
}
