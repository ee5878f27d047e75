// Every tenant and its time zone: for the worker to keep each tenant's nightly jobs
// scheduled. Cross-tenant by nature, so it reads on the platform path.
import { unsafePlatformTransaction } from "@/lib/db/unsafe-platform";

export async function unsafeListTenants(): Promise<{ id: string; timezone: string }[]> {
  return unsafePlatformTransaction((tx) => tx.tenant.findMany({ select: { id: true, timezone: true }, orderBy: { createdAt: "asc" } }));
}
