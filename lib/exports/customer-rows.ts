// The rows of a customer export, read in id order in batches (keyset, no OFFSET),
// so memory stays flat however many customers match. The same WHERE as the list
// page (filters, search) inside BOTH the caller's customer:read and customer:export
// scopes, and contact details masked unless they hold customer:unmask.
import type { AuthContext } from "@/lib/auth/context";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import type { CustomerFilters } from "@/lib/customers/filters";
import { customerListWhere } from "@/lib/customers/queries";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { CustomerExportColumn } from "@/lib/exports/customer-columns";

export const EXPORT_BATCH = 2_000;

type Row = {
  id: string; external_id: string | null; name: string; gender: string | null; birthday: Date | null; phone: string | null;
  email: string | null; province: string | null; city: string | null; district: string | null; source_channel: string | null;
  owner_user_id: string | null; home_store_id: string | null; created_at: Date; first_order_at: Date | null; last_order_at: Date | null;
};

export type ExportCursor = { where: Prisma.Sql; timeZone: string; unmasked: boolean; owners: Map<string, string>; stores: Map<string, string> };

export async function prepareCustomerExport(tx: TenantTx, ctx: AuthContext, filters: CustomerFilters): Promise<ExportCursor & { total: number }> {
  const read = await customerListWhere(tx, ctx, filters, "customer:read");
  const exp = await customerListWhere(tx, ctx, filters, "customer:export");
  const where = Prisma.sql`(${read.where}) AND (${exp.where})`;
  const [count] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM customers c WHERE ${where}`;
  // Owner and store names come from small tables: read once, not per batch.
  const members = await tx.membership.findMany({ select: { userId: true, user: { select: { name: true } } } });
  const stores = await tx.store.findMany({ select: { id: true, name: true } });
  return {
    where, timeZone: read.timeZone, unmasked: mayUnmask(ctx), total: count?.n ?? 0,
    owners: new Map(members.map((m) => [m.userId, m.user.name])),
    stores: new Map(stores.map((s) => [s.id, s.name])),
  };
}

/** One batch after `afterId` (null = from the start), as cell values in column order. */
export async function customerExportBatch(
  tx: TenantTx, cur: ExportCursor, columns: readonly CustomerExportColumn[], afterId: string | null,
): Promise<{ cells: unknown[][]; lastId: string | null }> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c.id::text, c.external_id, c.name, c.gender, c.birthday, c.phone, c.email, c.province, c.city, c.district,
      c.source_channel, c.owner_user_id::text, c.home_store_id::text, c.created_at, c.first_order_at, c.last_order_at
    FROM customers c
    WHERE ${cur.where} ${afterId ? Prisma.sql`AND c.id > ${afterId}::uuid` : Prisma.empty}
    ORDER BY c.id LIMIT ${EXPORT_BATCH}::int`;
  const tagsOf = new Map<string, string[]>();
  if (columns.includes("tags") && rows.length) {
    const tags = await tx.$queryRaw<{ customer_id: string; name: string }[]>`
      SELECT ct.customer_id::text, t.name FROM customer_tags ct JOIN tags t ON t.tenant_id = ct.tenant_id AND t.id = ct.tag_id
      WHERE ct.customer_id = ANY(${rows.map((r) => r.id)}::uuid[]) ORDER BY t.name`;
    for (const t of tags) tagsOf.set(t.customer_id, [...(tagsOf.get(t.customer_id) ?? []), t.name]);
  }
  const dateTime = new Intl.DateTimeFormat("sv-SE", { timeZone: cur.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const at = (d: Date | null) => (d ? dateTime.format(new Date(d)) : null);
  const cells = rows.map((r) => {
    const contact = contactFor(cur.unmasked, r.phone, r.email);
    const value: Record<CustomerExportColumn, unknown> = {
      id: r.id, externalId: r.external_id, name: r.name, gender: r.gender,
      birthday: r.birthday ? new Date(r.birthday).toISOString().slice(0, 10) : null,
      phone: cur.unmasked ? r.phone : contact.phone, email: contact.email, province: r.province, city: r.city, district: r.district,
      sourceChannel: r.source_channel, owner: r.owner_user_id ? cur.owners.get(r.owner_user_id) ?? "" : null,
      homeStore: r.home_store_id ? cur.stores.get(r.home_store_id) ?? "" : null, tags: (tagsOf.get(r.id) ?? []).join("|"),
      createdAt: at(r.created_at), firstOrderAt: at(r.first_order_at), lastOrderAt: at(r.last_order_at),
    };
    return columns.map((c) => value[c]);
  });
  return { cells, lastId: rows.length ? rows[rows.length - 1]!.id : null };
}
