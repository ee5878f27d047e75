// Streams the generated customers into the tenant over a few app-role connections
// at once, each its own withTenantPg transaction with its own COPY loader, because
// PostgreSQL spends one core per connection on the inserts' foreign-key checks and
// index updates (the generator itself needs about a quarter of that).
//
// Customers are split by home city, and every reference between streamed rows stays
// inside a city (a customer's own orders, points, …, and 老带新 referrals, which are
// drawn from the same city), so no transaction ever needs a row another one has not
// committed yet. The transactions commit together at the end; if one fails the
// caller drops the half-loaded tenant.
import type { TenantScope } from "@/lib/db/tenant";
import { withTenantPg } from "@/lib/db/tenant";
import { DemoGenerator } from "@/lib/demo/generate";
import { CopyLoader, type TableCounts } from "@/lib/demo/load";
import type { DemoWorld } from "@/lib/demo/world";

export type StreamProgress = { customers: number; rows: number };

/** Cities to connections, heaviest city first onto the least loaded connection. */
export function cityPartitions(world: DemoWorld, partitions: number): Map<string, number> {
  const weight = new Map<string, number>();
  for (const s of world.stores) weight.set(s.city!, (weight.get(s.city!) ?? 0) + s.weight);
  const load = Array.from({ length: partitions }, () => 0);
  const assigned = new Map<string, number>();
  for (const [city, w] of [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const p = load.indexOf(Math.min(...load));
    assigned.set(city, p);
    load[p] += w;
  }
  return assigned;
}

function deferred<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  promise.catch(() => undefined); // observed by whoever awaits it; never reported as unhandled
  return { promise, resolve, reject };
}

export async function streamCustomers(
  scope: TenantScope & { tenantId: string },
  world: DemoWorld,
  options: { partitions: number; progressEvery: number; onProgress?: (p: StreamProgress) => void },
): Promise<TableCounts> {
  const partitions = Math.max(1, Math.min(options.partitions, 8));
  const cityOf = cityPartitions(world, partitions);
  const ready = Array.from({ length: partitions }, () => deferred<CopyLoader>());
  const generated = deferred<void>();
  const transactions = ready.map((slot) => withTenantPg(scope, async (client) => {
    const loader = new CopyLoader(client, scope.tenantId);
    await loader.prepare();
    slot.resolve(loader);
    await generated.promise; // the generator feeds every connection; all finish together
    return loader.finish();
  }).catch((err) => { slot.reject(err); throw err; }));

  try {
    const loaders = await Promise.all(ready.map((r) => r.promise));
    let done = 0;
    for (const bundle of new DemoGenerator(world).bundles()) {
      await loaders[cityOf.get(bundle.customer.city)!]!.addBundle(bundle);
      if (++done % options.progressEvery === 0) {
        options.onProgress?.({ customers: done, rows: loaders.reduce((n, l) => n + l.handed(), 0) });
      }
    }
    generated.resolve();
  } catch (err) {
    generated.reject(err);
    await Promise.allSettled(transactions);
    throw err;
  }
  const results = await Promise.allSettled(transactions);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const counts = (results as PromiseFulfilledResult<TableCounts>[]).map((r) => r.value);
  return Object.fromEntries(Object.keys(counts[0]!).map((t) => [t, counts.reduce((n, c) => n + c[t as keyof TableCounts], 0)])) as TableCounts;
}
