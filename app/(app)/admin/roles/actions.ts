"use server";
import { defineAction } from "@/lib/auth/guard";
import { createRole, deleteRole, saveRoleGrants, updateRole } from "@/lib/roles/mutations";
import { createRoleSchema, deleteRoleSchema, saveGrantsSchema, updateRoleSchema } from "@/lib/roles/schemas";

export const createRoleAction = defineAction("role:manage", createRoleSchema, (ctx, input) => createRole(ctx, input));

export const updateRoleAction = defineAction("role:manage", updateRoleSchema, (ctx, input) => updateRole(ctx, input));

export const deleteRoleAction = defineAction("role:manage", deleteRoleSchema, (ctx, input) => deleteRole(ctx, input));

export const saveRoleGrantsAction = defineAction("role:manage", saveGrantsSchema, (ctx, input) => saveRoleGrants(ctx, input));
