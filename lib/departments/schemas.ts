// What the organization forms may send. Ids are uuids (anything else is refused
// before a query runs); whether they exist in this tenant is for the database to say.
import { z } from "zod";

/** Kinds a department can be given here; "head_office" is the tenant's root, made at sign-up. */
export const DEPARTMENT_KINDS = ["region", "store", "team"] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number] | "head_office";

const id = z.uuid({ error: "departments.error.invalidId" });

const name = z
  .string({ error: "departments.validation.nameRequired" })
  .trim()
  .min(1, { error: "departments.validation.nameRequired" })
  .max(100, { error: "departments.validation.nameTooLong" });

const kind = z.enum(DEPARTMENT_KINDS, { error: "departments.validation.kindInvalid" });

export const createDepartmentSchema = z.object({ parentId: id, name, kind });

export const updateDepartmentSchema = z.object({ departmentId: id, name, kind: kind.optional() });

export const moveDepartmentSchema = z.object({ departmentId: id, parentId: id });

export const deleteDepartmentSchema = z.object({ departmentId: id });

export type CreateDepartmentInput = z.output<typeof createDepartmentSchema>;
export type UpdateDepartmentInput = z.output<typeof updateDepartmentSchema>;
export type MoveDepartmentInput = z.output<typeof moveDepartmentSchema>;
export type DeleteDepartmentInput = z.output<typeof deleteDepartmentSchema>;
