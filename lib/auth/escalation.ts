// No one hands out more than they hold. Assigning a role (or granting a permission)
// is refused when it carries a permission the actor lacks, or a wider data scope
// than the actor's own: otherwise an Admin could make anyone an Owner, or a store
// manager could give a clerk "all customers".
import { SCOPE_RANK, type DataScope } from "@/lib/auth/catalog";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

export type Grant = { permissionKey: string; dataScope: string };

/** The grants in `wanted` that the actor could not give; empty when all are fine. */
export function grantsBeyondActor(ctx: Pick<AuthContext, "grants">, wanted: readonly Grant[]): Grant[] {
  return wanted.filter((g) => {
    const mine = ctx.grants.get(g.permissionKey);
    if (!mine) return true;
    return SCOPE_RANK[g.dataScope as DataScope] === undefined || SCOPE_RANK[g.dataScope as DataScope] > SCOPE_RANK[mine];
  });
}

export function assertNoEscalation(ctx: Pick<AuthContext, "grants">, wanted: readonly Grant[]): void {
  const beyond = grantsBeyondActor(ctx, wanted);
  if (beyond.length) {
    throw new AppError("forbidden", "error.escalation", { permission: beyond.map((g) => g.permissionKey).slice(0, 3).join(", ") });
  }
}
