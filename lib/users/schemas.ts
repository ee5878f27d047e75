// What the admin forms may send. Ids are uuids (anything else is refused before a
// query runs); whether they belong to this tenant is for the database to say.
import { z } from "zod";
import { emailField } from "@/lib/tenants/sign-up";
import { passwordProblem } from "@/lib/auth/password-policy";

const uuid = z.uuid({ message: "users.invalidId" });
const optionalUuid = z.union([z.literal("").transform(() => null), uuid]).nullable().default(null);
const roleIds = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).max(20));

export const MEMBER_STATUSES = ["active", "disabled"] as const;

export const createMemberSchema = z.object({
  email: emailField,
  name: z.string().trim().min(1, "users.nameRequired").max(100),
  // Only used when the e-mail has no account yet; an existing account keeps its password.
  password: z.string().max(200).default(""),
  departmentId: optionalUuid,
  managerUserId: optionalUuid,
  roleIds,
});

export const updateMemberSchema = z.object({
  userId: uuid,
  departmentId: optionalUuid,
  managerUserId: optionalUuid,
  status: z.enum(MEMBER_STATUSES, { message: "users.invalidStatus" }),
  roleIds,
});

export type CreateMemberInput = z.output<typeof createMemberSchema>;
export type UpdateMemberInput = z.output<typeof updateMemberSchema>;

/** A message key when the initial password is unacceptable for a new account. */
export function initialPasswordProblem(password: string, email: string): string | null {
  if (!password) return "users.passwordRequired";
  return passwordProblem(password, email);
}
