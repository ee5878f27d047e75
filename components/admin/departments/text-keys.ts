// The strings each client component of the organization admin needs (kept out of
// the "use client" files, see components/admin/roles/text-keys.ts).
export const CREATE_DEPARTMENT_TEXT = [
  "departments.create.title", "departments.create.submit", "departments.create.pending", "departments.create.done",
  "departments.field.parent", "departments.field.name", "departments.field.kind",
] as const;

export const EDIT_DEPARTMENT_TEXT = [
  "departments.editPanel.title", "departments.editPanel.close", "departments.field.name", "departments.field.kind",
  "departments.field.newParent", "departments.rename.title", "departments.rename.submit", "departments.rename.done",
  "departments.move.title", "departments.move.help", "departments.move.submit", "departments.move.done", "departments.move.root",
  "departments.delete.title", "departments.delete.help", "departments.delete.blocked", "departments.delete.submit",
  "departments.delete.done", "departments.unchanged", "departments.error.rootFixed", "roles.matrix.saving",
] as const;
