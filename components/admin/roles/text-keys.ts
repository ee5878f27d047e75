// The strings each client component of the roles admin needs. Kept out of the
// "use client" files: a server page importing a constant from one would get a client
// reference, not the array.
export const CREATE_ROLE_TEXT = [
  "roles.create.title", "roles.create.submit", "roles.create.pending", "roles.field.name", "roles.field.description",
] as const;

export const ROLE_SETTINGS_TEXT = [
  "roles.settings.title", "roles.settings.submit", "roles.settings.saved", "roles.settings.unchanged",
  "roles.field.name", "roles.field.description", "roles.matrix.saving",
] as const;

export const DELETE_ROLE_TEXT = ["roles.delete.title", "roles.delete.body", "roles.delete.confirmInUse", "roles.delete.submit", "roles.delete.pending"] as const;

export const MATRIX_TEXT = [
  "roles.matrix.title", "roles.matrix.caption", "roles.matrix.resource", "roles.matrix.grant", "roles.matrix.scopeOf",
  "roles.matrix.notHeld", "roles.matrix.save", "roles.matrix.saving", "roles.matrix.reset", "roles.matrix.pending",
  "roles.matrix.noChanges", "roles.matrix.saved", "roles.matrix.unchanged", "roles.matrix.scopeHelp",
] as const;
