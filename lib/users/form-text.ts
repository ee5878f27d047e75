// The strings the member form needs, translated on the server for the client form.
import type { Translate } from "@/lib/i18n/translate";
import type { MemberFormText } from "@/components/admin/users/MemberForm";

const KEYS = [
  "users.name", "users.email", "users.initialPassword", "users.initialPasswordHint", "users.department", "users.manager",
  "users.roles", "users.status", "users.status.active", "users.status.disabled", "users.create", "users.creating",
  "users.saveChanges", "users.saving", "users.created", "users.addedExisting", "users.saved", "users.noDepartment",
  "users.noManager",
] as const satisfies readonly (keyof MemberFormText)[];

export function memberFormText(t: Translate): MemberFormText {
  return Object.fromEntries(KEYS.map((k) => [k, t(k)])) as MemberFormText;
}
