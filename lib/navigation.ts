// The navigation, each item with the permission that opens its page. The shell shows
// only the items the user may use; the pages check the same permission themselves.
import type { PermissionKey } from "@/lib/auth/catalog";
import type { MessageKey } from "@/lib/i18n/translate";

export type NavItem = { href: string; label: MessageKey; permission: PermissionKey };

export const MAIN_NAV: NavItem[] = [
  { href: "/dashboard", label: "nav.dashboard", permission: "dashboard:read" },
  { href: "/customers", label: "nav.customers", permission: "customer:read" },
  { href: "/orders", label: "nav.orders", permission: "order:read" },
  { href: "/products", label: "nav.products", permission: "product:read" },
  { href: "/stores", label: "nav.stores", permission: "product:read" },
  { href: "/members", label: "nav.members", permission: "member:read" },
  { href: "/interactions", label: "nav.interactions", permission: "interaction:read" },
  { href: "/tickets", label: "nav.tickets", permission: "ticket:read" },
  { href: "/analytics", label: "nav.analytics", permission: "analytics:read" },
  { href: "/segments", label: "nav.segments", permission: "segment:read" },
  { href: "/campaigns", label: "nav.campaigns", permission: "campaign:read" },
  { href: "/care-tasks", label: "nav.careTasks", permission: "care_task:read" },
  { href: "/imports", label: "nav.imports", permission: "import:read" },
];

export const ADMIN_NAV: NavItem[] = [
  { href: "/admin/users", label: "nav.users", permission: "user:read" },
  { href: "/admin/roles", label: "nav.roles", permission: "role:read" },
  { href: "/admin/departments", label: "nav.departments", permission: "department:read" },
  { href: "/admin/audit", label: "nav.audit", permission: "audit_log:read" },
  { href: "/admin/system", label: "nav.system", permission: "system:read" },
  { href: "/admin/api-keys", label: "nav.apiKeys", permission: "api_key:manage" },
];

/** Where a signed-in user lands: the first page their roles open (sales staff have no dashboard). */
export function homePath(can: (permission: PermissionKey) => boolean): string {
  return [...MAIN_NAV, ...ADMIN_NAV].find((i) => can(i.permission))?.href ?? "/dashboard";
}
