// Which entities the import can load today and the permission each one needs on top
// of import:run / import:read. The pure core (lib/import) knows eight entities; the
// database side (staging, set-based apply) exists for all of them (listed below).
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { AppError, forbidden } from "@/lib/errors";
import { IMPORT_ENTITIES, type ImportEntity } from "@/lib/import/fields";

/** The permission that lets a person put rows of this entity into the CRM. */
export const ENTITY_PERMISSION: Record<ImportEntity, PermissionKey> = {
  customers: "customer:import",
  products: "product:manage",
  orders: "order:create",
  orderItems: "order:create",
  orderLines: "order:create",
  members: "member:manage",
  interactions: "interaction:create",
  serviceTickets: "ticket:create",
};

/** Entities with a database side (staging table and upsert) in lib/imports. */
export const SUPPORTED_ENTITIES = ["customers", "orderLines", "products", "orders", "orderItems", "members", "interactions", "serviceTickets"] as const satisfies readonly ImportEntity[];
export type SupportedEntity = (typeof SUPPORTED_ENTITIES)[number];

export function isSupportedEntity(entity: string): entity is SupportedEntity {
  return (SUPPORTED_ENTITIES as readonly string[]).includes(entity);
}

/** Throws unless the caller may import this entity (refused as forbidden, unknown as validation). */
export function assertEntityAccess(ctx: AuthContext, entity: string): asserts entity is SupportedEntity {
  if (!(IMPORT_ENTITIES as readonly string[]).includes(entity)) throw new AppError("validation", "imports.error.entityUnknown");
  const permission = ENTITY_PERMISSION[entity as ImportEntity];
  if (!can(ctx, permission)) throw forbidden(permission);
  if (!isSupportedEntity(entity)) throw new AppError("validation", "imports.error.entityNotYet");
}

/** The entities this caller could start an import of (for the upload form). */
export function importableEntities(ctx: AuthContext): SupportedEntity[] {
  return SUPPORTED_ENTITIES.filter((e) => can(ctx, ENTITY_PERMISSION[e]));
}
