// Seeds the demo tenant end to end, through the same doors as real data: the tenant
// and its owner by provisioning (lib/tenants/provision.ts), the other accounts on
// the platform path, everything inside the tenant on the app role under RLS
// (withTenant for the frame, withTenantPg + COPY for the streamed tables,
// stream-load.ts). A failed run removes what it created.
// Idempotent by slug: an existing demo tenant is kept unless `reset` is asked for.
import { availableParallelism } from "node:os";
import { hashPassword } from "@/lib/auth/password";
import { withTenant } from "@/lib/db/tenant";
import { unsafeProvisionTenant } from "@/lib/tenants/provision";
import { unsafeFindAccountByEmail } from "@/lib/users/accounts";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, ROLE_LOGINS, demoAccounts } from "@/lib/demo/accounts";
import { DEMO_TENANT } from "@/lib/demo/catalog";
import { STREAMED, type TableCounts } from "@/lib/demo/load";
import { streamCustomers } from "@/lib/demo/stream-load";
import { staffByStore, writeFrame, type Frame } from "@/lib/demo/organization";
import {
  unsafeCreateAccounts, unsafeDropTenant, unsafeFindTenantBySlug, unsafeOwnerMaintenance,
} from "@/lib/demo/unsafe-demo-tenant";
import { buildWorld, type DemoOptions, type DemoWorld } from "@/lib/demo/world";
import { seedDemoCampaigns } from "@/lib/demo/campaigns";
import type { PurchaseModel } from "@/lib/demo/purchase-model";

export type SeedProgress = { customers: number; totalCustomers: number; rows: number; seconds: number };

export type SeedOptions = DemoOptions & {
  slug?: string;
  name?: string;
  /** Defaults to "<slug>.crm.test" (demo.crm.test for the demo tenant). */
  emailDomain?: string;
  reset?: boolean;
  onProgress?: (p: SeedProgress) => void;
  /** Connections loading at once (default: the cores, at most 4). */
  partitions?: number;
  /** How often onProgress is called, in customers. */
  progressEvery?: number;
};

export type SeedLogin = { role: string; label: string; email: string };

export type SeedResult =
  | { status: "skipped"; tenantId: string; slug: string; logins: SeedLogin[]; password: string }
  | {
      status: "created"; tenantId: string; slug: string; logins: SeedLogin[]; password: string; replaced: boolean;
      counts: TableCounts; seconds: number; model: PurchaseModel; window: { start: Date; end: Date };
    };

function accountsFor(slug: string, emailDomain?: string) {
  return demoAccounts(emailDomain ?? (slug === DEMO_TENANT.slug ? DEMO_EMAIL_DOMAIN : `${slug}.crm.test`));
}

/** The one login per role of a demo tenant (no database needed). */
export function demoLogins(slug = DEMO_TENANT.slug, emailDomain?: string): SeedLogin[] {
  const accounts = accountsFor(slug, emailDomain);
  return ROLE_LOGINS.map((l) => ({ role: l.role, label: l.label, email: accounts.find((a) => a.key === l.key)!.email }));
}

export async function seedDemoTenant(options: SeedOptions): Promise<SeedResult> {
  const slug = options.slug ?? DEMO_TENANT.slug;
  const accounts = accountsFor(slug, options.emailDomain);
  const logins = demoLogins(slug, options.emailDomain);
  const started = performance.now();

  const existing = await unsafeFindTenantBySlug(slug);
  if (existing && !options.reset) return { status: "skipped", tenantId: existing.id, slug, logins, password: DEMO_PASSWORD };
  if (existing) await unsafeDropTenant(existing.id);

  const owner = accounts.find((a) => a.role === "owner")!;
  if (await unsafeFindAccountByEmail(owner.email)) {
    throw new Error(`the account ${owner.email} already exists (it belongs to another tenant); choose another --slug`);
  }
  const provisioned = await unsafeProvisionTenant({
    name: options.name ?? DEMO_TENANT.name, slug, locale: DEMO_TENANT.locale,
    owner: { email: owner.email, name: owner.name, password: DEMO_PASSWORD },
  });
  const scope = { tenantId: provisioned.tenantId, userId: provisioned.ownerUserId };

  let counts: TableCounts, world: DemoWorld;
  try {
    const others = accounts.filter((a) => a !== owner);
    const byEmail = await unsafeCreateAccounts(others.map((a) => ({ email: a.email, name: a.name, locale: DEMO_TENANT.locale })),
      await hashPassword(DEMO_PASSWORD));
    const userIds = new Map<string, string>([[owner.key, provisioned.ownerUserId]]);
    for (const a of others) userIds.set(a.key, byEmail.get(a.email)!);
    const frame: Frame = { tenantId: provisioned.tenantId, headOfficeId: provisioned.headOfficeId, roleIds: provisioned.roleIds, userIds };
    world = buildWorld(options, staffByStore(accounts, userIds));
    await writeFrame(scope, world, frame, accounts);
    counts = await streamCustomers(scope, world, {
      partitions: options.partitions ?? Math.min(4, availableParallelism()),
      progressEvery: options.progressEvery ?? 2000,
      onProgress: (p) => options.onProgress?.({ ...p, totalCustomers: options.customers, seconds: (performance.now() - started) / 1000 }),
    });
    // Launched campaigns for the campaign pages and the sales dashboard's contribution by campaign.
    await seedDemoCampaigns(scope, options.end);
  } catch (err) {
    // Leave nothing half-loaded behind: the next run starts clean without --reset.
    await unsafeDropTenant(provisioned.tenantId).catch(() => undefined);
    throw err;
  }
  options.onProgress?.({ customers: options.customers, totalCustomers: options.customers, rows: sum(counts), seconds: (performance.now() - started) / 1000 });

  // Fresh planner statistics for the dashboards' first queries.
  await unsafeOwnerMaintenance(`ANALYZE ${Object.values(STREAMED).map((t) => t.table).join(", ")}`);
  const seconds = (performance.now() - started) / 1000;
  await withTenant(scope, (tx) => tx.auditLog.create({
    data: {
      tenantId: provisioned.tenantId, actorUserId: provisioned.ownerUserId, action: "demo.seed", entity: "tenant",
      entityId: provisioned.tenantId,
      after: { seed: options.seed, customers: options.customers, ordersTarget: options.orders, end: options.end.toISOString(), counts, seconds: Math.round(seconds) },
    },
  }));
  return {
    status: "created", tenantId: provisioned.tenantId, slug, logins, password: DEMO_PASSWORD, replaced: Boolean(existing),
    counts, seconds, model: world.model, window: { start: new Date(world.window.start), end: new Date(world.window.end) },
  };
}

function sum(counts: TableCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
