// Bulk loading on the app's own, RLS-bound connection (inside withTenantPg).
//
// PostgreSQL refuses `COPY … FROM` into a table with row-level security, so rows are
// COPY'd in ~256 KB chunks into temporary staging tables (session-private, no RLS)
// and moved into the real tables with one `INSERT … SELECT` per table every few
// megabytes: the insert is checked by the tenant policy and by every foreign key,
// like any other write of the app. Tables are promoted parents first, after every
// pending buffer has been staged, so a child row never arrives before its parent.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type {
  CustomerBundle, CustomerIdentityRow, CustomerRow, CustomerTagRow, InteractionRow, MemberRow, OrderItemRow, OrderRow,
  PointsLedgerRow, ReferralRow, ServiceTicketRow, TierChangeRow,
} from "@/lib/demo/rows";

type Value = string | number | Date | null | readonly string[];

export type TableSpec<Row> = { table: string; columns: readonly string[]; values: (row: Row) => readonly Value[] };

const spec = <Row>(table: string, columns: readonly string[], values: (row: Row) => readonly Value[]): TableSpec<Row> =>
  ({ table, columns, values });

/** The streamed tables, parents before children (the order they are promoted in). */
export const STREAMED = {
  customers: spec<CustomerRow>("customers",
    ["id", "external_id", "name", "gender", "birthday", "phone", "email", "province", "city", "district", "address", "occupation",
      "interests", "source_channel", "owner_user_id", "home_store_id", "department_id", "first_order_at", "last_order_at",
      "created_at", "updated_at"],
    (r) => [r.id, r.externalId, r.name, r.gender, r.birthday, r.phone, r.email, r.province, r.city, r.district, r.address,
      r.occupation, r.interests, r.sourceChannel, r.ownerUserId, r.homeStoreId, r.departmentId, r.firstOrderAt, r.lastOrderAt,
      r.createdAt, r.updatedAt]),
  customer_identities: spec<CustomerIdentityRow>("customer_identities", ["id", "customer_id", "channel", "external_id", "created_at"],
    (r) => [r.id, r.customerId, r.channel, r.externalId, r.createdAt]),
  customer_tags: spec<CustomerTagRow>("customer_tags", ["customer_id", "tag_id", "created_at"], (r) => [r.customerId, r.tagId, r.createdAt]),
  members: spec<MemberRow>("members", ["id", "customer_id", "member_no", "tier_id", "joined_at", "points_balance", "created_at"],
    (r) => [r.id, r.customerId, r.memberNo, r.tierId, r.joinedAt, r.pointsBalance, r.createdAt]),
  tier_changes: spec<TierChangeRow>("tier_changes", ["id", "member_id", "from_tier_id", "to_tier_id", "reason", "changed_at"],
    (r) => [r.id, r.memberId, r.fromTierId, r.toTierId, r.reason, r.changedAt]),
  orders: spec<OrderRow>("orders",
    ["id", "order_no", "customer_id", "channel", "store_id", "status", "ordered_at", "paid_at", "shipped_at", "received_at",
      "reviewed_at", "refunded_at", "amount", "discount", "paid_amount", "created_at"],
    (r) => [r.id, r.orderNo, r.customerId, r.channel, r.storeId, r.status, r.orderedAt, r.paidAt, r.shippedAt, r.receivedAt,
      r.reviewedAt, r.refundedAt, r.amount, r.discount, r.paidAmount, r.createdAt]),
  order_items: spec<OrderItemRow>("order_items", ["id", "order_id", "product_id", "quantity", "unit_price", "amount"],
    (r) => [r.id, r.orderId, r.productId, r.quantity, r.unitPrice, r.amount]),
  points_ledger: spec<PointsLedgerRow>("points_ledger", ["id", "member_id", "delta", "balance_after", "reason", "order_id", "created_at"],
    (r) => [r.id, r.memberId, r.delta, r.balanceAfter, r.reason, r.orderId, r.createdAt]),
  interactions: spec<InteractionRow>("interactions",
    ["id", "customer_id", "channel", "type", "user_id", "points_earned", "note", "occurred_at"],
    (r) => [r.id, r.customerId, r.channel, r.type, r.userId, r.pointsEarned, r.note, r.occurredAt]),
  service_tickets: spec<ServiceTicketRow>("service_tickets",
    ["id", "customer_id", "kind", "status", "subject", "body", "assignee_user_id", "opened_at", "closed_at"],
    (r) => [r.id, r.customerId, r.kind, r.status, r.subject, r.body, r.assigneeUserId, r.openedAt, r.closedAt]),
  referrals: spec<ReferralRow>("referrals", ["id", "referrer_customer_id", "referred_customer_id", "referred_at", "reward_points"],
    (r) => [r.id, r.referrerCustomerId, r.referredCustomerId, r.referredAt, r.rewardPoints]),
};

export type StreamedTable = keyof typeof STREAMED;
export type TableCounts = Record<StreamedTable, number>;

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const SPECIAL = /[\\\t\n\r]/;
function copyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => (/^$|[{},"\\\s]|^null$/i.test(s) ? `"${s.replace(/["\\]/g, "\\$&")}"` : s)).join(",")}}`;
}

export function copyField(v: Value): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return copyText(v);
  return copyText(arrayLiteral(v));
}

type Buffered = { lines: string[]; bytes: number; rows: number; staged: number };

export type LoaderOptions = { chunkBytes?: number; promoteBytes?: number };

/**
 * Streams bundles into the tenant's tables. Database work is queued behind a
 * promise chain and not awaited at once, so the generator keeps producing rows
 * while PostgreSQL inserts the previous ones; at most one promotion's worth of
 * data waits in the queue (back-pressure), so memory stays bounded.
 */
export class CopyLoader {
  private readonly buffers = new Map<StreamedTable, Buffered>();
  private readonly chunkBytes: number;
  private readonly promoteBytes: number;
  /** Bytes handed to COPY since the last promotion was queued. */
  private stagedBytes = 0;
  private queue: Promise<void> = Promise.resolve();
  private queuedBytes = 0;
  private handedRows = 0;
  private readonly counts = Object.fromEntries(Object.keys(STREAMED).map((t) => [t, 0])) as TableCounts;

  constructor(private readonly client: pg.PoolClient, private readonly tenantId: string, options: LoaderOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? 256 * 1024;
    this.promoteBytes = options.promoteBytes ?? 8 * 1024 * 1024;
    for (const t of Object.keys(STREAMED) as StreamedTable[]) this.buffers.set(t, { lines: [], bytes: 0, rows: 0, staged: 0 });
  }

  private stage(table: StreamedTable): string {
    return `demo_stage_${table}`;
  }

  /** Staging tables live until the end of the transaction. */
  async prepare(): Promise<void> {
    for (const t of Object.keys(STREAMED) as StreamedTable[]) {
      await this.client.query(`CREATE TEMP TABLE ${this.stage(t)} (LIKE ${STREAMED[t].table} INCLUDING DEFAULTS) ON COMMIT DROP`);
    }
  }

  async addBundle(b: CustomerBundle): Promise<void> {
    this.push("customers", [b.customer]);
    this.push("customer_identities", b.identities);
    this.push("customer_tags", b.tags);
    if (b.member) this.push("members", [b.member]);
    this.push("tier_changes", b.tierChanges);
    this.push("orders", b.orders);
    this.push("order_items", b.items);
    this.push("points_ledger", b.points);
    this.push("interactions", b.interactions);
    this.push("service_tickets", b.tickets);
    if (b.referral) this.push("referrals", [b.referral]);
    for (const [table, buf] of this.buffers) if (buf.bytes >= this.chunkBytes) this.copyChunk(table);
    if (this.stagedBytes >= this.promoteBytes) this.promote();
    if (this.queuedBytes > 2 * this.promoteBytes) await this.queue;
  }

  private push<T extends StreamedTable>(table: T, rows: readonly Parameters<(typeof STREAMED)[T]["values"]>[0][]): void {
    if (!rows.length) return;
    const buf = this.buffers.get(table)!;
    const values = STREAMED[table].values as (row: unknown) => readonly Value[];
    for (const row of rows) {
      let line = this.tenantId;
      for (const v of values(row)) line += "\t" + copyField(v);
      line += "\n";
      buf.lines.push(line);
      buf.bytes += Buffer.byteLength(line);
      buf.rows++;
    }
    this.handedRows += rows.length;
  }

  private enqueue(bytes: number, task: () => Promise<void>): void {
    this.queuedBytes += bytes;
    this.queue = this.queue.then(task).finally(() => { this.queuedBytes -= bytes; });
    // A failure surfaces at the next await of the queue; this only keeps Node from
    // reporting it as unhandled in the meantime.
    this.queue.catch(() => undefined);
  }

  /** Queues a COPY of the table's buffer into its staging table. */
  private copyChunk(table: StreamedTable): void {
    const buf = this.buffers.get(table)!;
    if (!buf.lines.length) return;
    const data = Buffer.from(buf.lines.join(""));
    const sql = `COPY ${this.stage(table)} (${["tenant_id", ...STREAMED[table].columns].join(", ")}) FROM STDIN`;
    this.stagedBytes += data.length;
    buf.staged += buf.rows;
    buf.lines = []; buf.bytes = 0; buf.rows = 0;
    this.enqueue(data.length, () => pipeline(Readable.from([data]), this.client.query(copyFrom(sql))));
  }

  /** Stages every buffer, then queues moving every staging table into its real table, parents first. */
  private promote(): void {
    for (const table of this.buffers.keys()) this.copyChunk(table);
    const batch = [...this.buffers].filter(([, buf]) => buf.staged > 0).map(([table, buf]) => ({ table, rows: buf.staged }));
    for (const buf of this.buffers.values()) buf.staged = 0;
    this.stagedBytes = 0;
    this.enqueue(0, async () => {
      for (const { table, rows } of batch) {
        const cols = ["tenant_id", ...STREAMED[table].columns].join(", ");
        const { rowCount } = await this.client.query(`INSERT INTO ${STREAMED[table].table} (${cols}) SELECT ${cols} FROM ${this.stage(table)}`);
        if (rowCount !== rows) throw new Error(`${table}: staged ${rows} rows but inserted ${rowCount}`);
        await this.client.query(`TRUNCATE ${this.stage(table)}`);
        this.counts[table] += rows;
      }
    });
  }

  /** Rows in the real tables so far. */
  loaded(): TableCounts {
    return { ...this.counts };
  }

  /** Rows handed to the loader so far, wherever they are. */
  handed(): number {
    return this.handedRows;
  }

  async finish(): Promise<TableCounts> {
    this.promote();
    await this.queue;
    return this.loaded();
  }
}
