// The rules a role change must pass before anything is written.
//  - The Owner role is the tenant's way back in: it always holds everything, so it
//    is never edited. Other system roles keep their name and cannot be deleted (the
//    seed, the docs and support talk about them by name), but their grants may change.
//  - Grants name a permission from the catalog and a scope from DATA_SCOPES; a forged
//    key or scope is refused by name, not silently dropped.
//  - No escalation: a grant that is new, or wider than before, must be one the caller
//    holds at least as widely (lib/auth/escalation.ts). Narrowing or removing a grant
//    is always allowed; so is leaving alone a grant someone more powerful made.
import { DATA_SCOPES, SCOPE_RANK, isPermissionKey, type DataScope, type PermissionKey } from "@/lib/auth/catalog";
import type { AuthContext } from "@/lib/auth/context";
import { grantsBeyondActor } from "@/lib/auth/escalation";
import { AppError } from "@/lib/errors";

export type GrantMap = Map<PermissionKey, DataScope>;
export type GrantListItem = { permission: PermissionKey; scope: DataScope };

type RoleLike = { systemKey: string | null };

export function assertGrantsEditable(role: RoleLike): void {
  if (role.systemKey === "owner") throw new AppError("forbidden", "roles.error.ownerLocked");
}

/** Rename and delete: custom roles only. */
export function assertCustomRole(role: RoleLike): void {
  assertGrantsEditable(role);
  if (role.systemKey) throw new AppError("forbidden", "roles.error.systemRoleFixed");
}

const shown = (v: string) => (v.length > 60 ? `${v.slice(0, 60)}…` : v);

function isDataScope(value: string): value is DataScope {
  return (DATA_SCOPES as readonly string[]).includes(value);
}

/** The submitted list as a map, refusing unknown keys, unknown scopes and repeats. */
export function parseGrantList(list: readonly { permission: string; scope: string }[]): GrantMap {
  const out: GrantMap = new Map();
  for (const { permission, scope } of list) {
    if (!isPermissionKey(permission)) throw new AppError("validation", "roles.error.unknownPermission", { permission: shown(permission) });
    if (!isDataScope(scope)) throw new AppError("validation", "roles.error.unknownScope", { scope: shown(scope) });
    if (out.has(permission)) throw new AppError("validation", "roles.error.duplicatePermission", { permission });
    out.set(permission, scope);
  }
  return out;
}

/** Grants in `after` that are new or wider than in `before`: the ones escalation rules apply to. */
export function raisedGrants(before: GrantMap, after: GrantMap): GrantListItem[] {
  const raised: GrantListItem[] = [];
  for (const [permission, scope] of after) {
    const prev = before.get(permission);
    if (!prev || SCOPE_RANK[scope] > SCOPE_RANK[prev]) raised.push({ permission, scope });
  }
  return raised;
}

export function assertMayGrant(ctx: Pick<AuthContext, "grants">, before: GrantMap, after: GrantMap): void {
  const beyond = grantsBeyondActor(
    ctx,
    raisedGrants(before, after).map((g) => ({ permissionKey: g.permission, dataScope: g.scope })),
  );
  if (beyond.length) {
    throw new AppError("forbidden", "roles.error.escalation", {
      permission: beyond.slice(0, 3).map((g) => `${g.permissionKey} (${g.dataScope})`).join(", "),
    });
  }
}

/** Stable, sorted list for audit rows and comparisons. */
export function grantList(map: GrantMap): GrantListItem[] {
  return [...map].map(([permission, scope]) => ({ permission, scope })).sort((a, b) => a.permission.localeCompare(b.permission));
}

export function sameGrants(a: GrantMap, b: GrantMap): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
