// Database plumbing of the import job, on the app's RLS-bound role.
//
// A staging pass writes hundreds of small transactions; opening a pooled connection
// for each (withTenantPg) would also lose the session's temporary COPY tables. A
// TenantSession keeps one connection for the pass and binds every transaction on it
// to the tenant exactly as withTenantPg does (set_config(..., is_local => true)),
// so nothing outlives a transaction but the temp tables, which die with the
// connection (it is destroyed, not returned to the pool).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { appPgPool } from "@/lib/db/pools";
import type { TenantScope } from "@/lib/db/tenant";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TenantSession = {
  client: pg.PoolClient;
  /** One transaction bound to the tenant; rolled back if fn throws. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Ends the session; its connection (and temp tables) are closed. */
  close(): void;
};

export async function openTenantSession(scope: TenantScope): Promise<TenantSession> {
  if (!UUID.test(scope.tenantId)) throw new Error("openTenantSession: tenantId must be a uuid");
  const client = await appPgPool().connect();
  let closed = false;
  return {
    client,
    async tx(fn) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [scope.tenantId, scope.userId ?? ""]);
        const out = await fn(client);
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      client.release(true);
    },
  };
}

/** COPY text (already in COPY's text format) into a table the session may COPY into (a temp table: RLS refuses COPY FROM). */
export async function copyText(client: pg.PoolClient, sql: string, text: string | Buffer): Promise<void> {
  await pipeline(Readable.from([typeof text === "string" ? Buffer.from(text, "utf8") : text]), client.query(copyFrom(sql)));
}

/**
 * COPY lines collected in a reusable byte buffer outside the JS heap: each line string dies young
 * instead of living (and being promoted to the old generation) until its chunk is sent, which kept
 * the worker's heap growing by the volume of the file between major collections.
 */
export class CopyBuffer {
  private buf: Buffer;
  length = 0;
  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }
  write(line: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.length + line.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + line.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(line, this.length, "utf8");
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
  reset(): void {
    this.length = 0;
  }
}

// COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL.
const SPECIAL = /[\\\t\n\r]/;

export function copyString(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** A Postgres array literal of text, then escaped for COPY. */
export function copyArray(items: readonly string[]): string {
  if (items.length === 0) return "{}";
  const literal = `{${items.map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return copyString(literal);
}

export const NULL = "\\N";

export function copyNullable(s: string | null | undefined): string {
  return s === null || s === undefined ? NULL : copyString(s);
}

/** With IMPORT_TRACE=1 in the worker's environment, every statement on this client logs its duration. */
export function traced(client: pg.PoolClient): pg.PoolClient {
  if (!process.env.IMPORT_TRACE) return client;
  return new Proxy(client, {
    get(target, key) {
      if (key === "query") {
        return async (...args: unknown[]) => {
          const t0 = performance.now();
          try {
            return await (target.query as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            const sql = typeof args[0] === "string" ? args[0] : "COPY";
            console.error(`[import] ${(performance.now() - t0).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, " ").trim().slice(0, 90)}`);
          }
        };
      }
      const v = Reflect.get(target, key);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
