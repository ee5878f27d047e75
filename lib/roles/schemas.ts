// What the role forms may send. Shapes only: whether a permission key is in the
// catalog, a scope is one we know, and the caller may grant it is decided in
// lib/roles/policy.ts, so a forged value gets a specific message, not "invalid form".
import { z } from "zod";

const roleId = z.uuid({ error: "roles.error.invalidId" });

const name = z
  .string({ error: "roles.validation.nameRequired" })
  .trim()
  .min(1, { error: "roles.validation.nameRequired" })
  .max(60, { error: "roles.validation.nameTooLong" });

const description = z
  .string()
  .trim()
  .max(200, { error: "roles.validation.descriptionTooLong" })
  .optional()
  .transform((v) => (v ? v : null));

/** A checkbox posts "on"; a client call may pass true. Anything else is "not confirmed". */
const checked = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const createRoleSchema = z.object({ name, description });

export const updateRoleSchema = z.object({ roleId, name, description });

export const deleteRoleSchema = z.object({ roleId, confirmInUse: checked });

export const saveGrantsSchema = z.object({
  roleId,
  grants: z
    .array(z.object({ permission: z.string().max(100), scope: z.string().max(40) }), { error: "roles.validation.grantsRequired" })
    .max(1000),
});

export type CreateRoleInput = z.output<typeof createRoleSchema>;
export type UpdateRoleInput = z.output<typeof updateRoleSchema>;
export type DeleteRoleInput = z.output<typeof deleteRoleSchema>;
export type SaveGrantsInput = z.output<typeof saveGrantsSchema>;
