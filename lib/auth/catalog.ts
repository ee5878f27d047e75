// What can be protected (resources), what can be done to each (actions), and the
// system roles every new tenant gets. The migrator copies RESOURCES into the global
// resources/permissions tables; the admin matrix reads them from there.

export type ResourceKind = "module" | "page" | "api" | "dataset";
export type DataScope = "own" | "own_and_subordinates" | "department" | "department_tree" | "all";

export const DATA_SCOPES: readonly DataScope[] = ["own", "own_and_subordinates", "department", "department_tree", "all"];

/** Widest last: a user with several grants of one permission gets the widest. */
export const SCOPE_RANK: Record<DataScope, number> = {
  own: 0, own_and_subordinates: 1, department: 2, department_tree: 3, all: 4,
};

type ResourceDef = { key: string; kind: ResourceKind; en: string; zh: string; actions: readonly string[] };

export const RESOURCES = [
  { key: "dashboard", kind: "module", en: "Dashboards", zh: "数据看板", actions: ["read"] },
  { key: "customer", kind: "dataset", en: "Customers", zh: "客户", actions: ["read", "create", "update", "delete", "export", "unmask", "import"] },
  { key: "order", kind: "dataset", en: "Orders", zh: "订单", actions: ["read", "create", "update"] },
  { key: "product", kind: "dataset", en: "Products", zh: "商品", actions: ["read", "manage"] },
  { key: "member", kind: "dataset", en: "Members and points", zh: "会员与积分", actions: ["read", "manage"] },
  { key: "interaction", kind: "dataset", en: "Interactions", zh: "互动记录", actions: ["read", "create"] },
  { key: "ticket", kind: "dataset", en: "Service tickets", zh: "服务工单", actions: ["read", "create", "update"] },
  { key: "analytics", kind: "module", en: "Analytics", zh: "客户分析", actions: ["read", "run"] },
  { key: "segment", kind: "dataset", en: "Segments", zh: "客户分群", actions: ["read", "manage"] },
  { key: "campaign", kind: "module", en: "Campaigns", zh: "营销活动", actions: ["read", "manage", "approve", "execute"] },
  { key: "care_task", kind: "dataset", en: "Care tasks", zh: "关怀任务", actions: ["read", "update", "assign"] },
  { key: "import", kind: "module", en: "Data import", zh: "数据导入", actions: ["read", "run"] },
  { key: "user", kind: "page", en: "Users", zh: "用户管理", actions: ["read", "manage"] },
  { key: "role", kind: "page", en: "Roles and permissions", zh: "角色与权限", actions: ["read", "manage"] },
  { key: "department", kind: "page", en: "Organization", zh: "组织架构", actions: ["read", "manage"] },
  { key: "audit_log", kind: "page", en: "Audit log", zh: "审计日志", actions: ["read"] },
  { key: "system", kind: "page", en: "System and jobs", zh: "系统与任务", actions: ["read", "manage"] },
  { key: "api_key", kind: "api", en: "API keys", zh: "API 密钥", actions: ["manage"] },
  { key: "tenant", kind: "module", en: "Organization settings", zh: "企业设置", actions: ["manage"] },
] as const satisfies readonly ResourceDef[];

type R = (typeof RESOURCES)[number];
export type PermissionKey = { [K in R["key"]]: `${K}:${Extract<R, { key: K }>["actions"][number]}` }[R["key"]];

export const ALL_PERMISSIONS: PermissionKey[] = RESOURCES.flatMap((r) =>
  r.actions.map((a) => `${r.key}:${a}` as PermissionKey),
);

export function isPermissionKey(value: string): value is PermissionKey {
  return (ALL_PERMISSIONS as string[]).includes(value);
}

export type SystemRoleKey = "owner" | "admin" | "manager" | "marketing_planner" | "sales_staff";
type Grant = readonly [PermissionKey, DataScope];

const everything = (scope: DataScope): Grant[] => ALL_PERMISSIONS.map((p) => [p, scope] as const);
const adminOnly = new Set<PermissionKey>(["tenant:manage"]);

export const SYSTEM_ROLES: Record<SystemRoleKey, { en: string; zh: string; grants: readonly Grant[] }> = {
  owner: { en: "Owner", zh: "所有者", grants: everything("all") },
  admin: { en: "Admin", zh: "管理员", grants: everything("all").filter(([p]) => !adminOnly.has(p)) },
  manager: {
    en: "Manager", zh: "经理",
    grants: [
      ["dashboard:read", "department_tree"], ["customer:read", "department_tree"], ["customer:export", "department_tree"],
      ["customer:unmask", "department_tree"], ["order:read", "department_tree"], ["product:read", "all"],
      ["member:read", "department_tree"], ["interaction:read", "department_tree"], ["ticket:read", "department_tree"],
      ["ticket:update", "department_tree"], ["analytics:read", "department_tree"], ["segment:read", "department_tree"],
      ["campaign:read", "all"], ["campaign:approve", "all"], ["care_task:read", "department_tree"],
      ["care_task:assign", "department_tree"], ["user:read", "department_tree"], ["department:read", "all"],
    ],
  },
  marketing_planner: {
    en: "Marketing Planner", zh: "营销策划",
    grants: [
      ["dashboard:read", "all"], ["customer:read", "all"], ["order:read", "all"], ["product:read", "all"],
      ["member:read", "all"], ["interaction:read", "all"], ["analytics:read", "all"], ["analytics:run", "all"],
      ["segment:read", "all"], ["segment:manage", "all"], ["campaign:read", "all"], ["campaign:manage", "all"],
      ["campaign:execute", "all"], ["care_task:read", "all"], ["care_task:assign", "all"],
    ],
  },
  sales_staff: {
    en: "Sales Staff", zh: "销售顾问",
    grants: [
      ["customer:read", "own"], ["customer:create", "own"], ["customer:update", "own"], ["order:read", "own"],
      ["product:read", "all"], ["member:read", "own"], ["interaction:read", "own"], ["interaction:create", "own"],
      ["ticket:read", "own"], ["ticket:create", "own"], ["ticket:update", "own"], ["care_task:read", "own"],
      ["care_task:update", "own"],
    ],
  },
};

export const SYSTEM_ROLE_KEYS = Object.keys(SYSTEM_ROLES) as SystemRoleKey[];
