// The demo tenant's people: one login per system role plus a salesperson in every
// store, placed in the organisation so data scopes mean something (the 华南 manager
// sees the 华南 stores' customers, a salesperson sees the customers they own).
import type { SystemRoleKey } from "@/lib/auth/catalog";
import { STORES, type RegionCode } from "@/lib/demo/catalog";

/** Documented in docs/operations.md and printed by the seeder; demo data only. */
export const DEMO_PASSWORD = "Demo-Password-2026";
export const DEMO_EMAIL_DOMAIN = "demo.crm.test";

export type Place =
  | { kind: "head_office" }
  | { kind: "region"; region: RegionCode }
  | { kind: "store"; store: string }
  | { kind: "team"; team: "marketing" | "ecommerce" };

export type DemoAccount = {
  key: string;
  email: string;
  name: string;
  role: SystemRoleKey;
  title: string;
  place: Place;
  /** Key of the account's manager (memberships.manager_user_id). */
  managerKey: string | null;
};

const REGION_MANAGERS: Record<RegionCode, { key: string; name: string; title: string }> = {
  south: { key: "manager", name: "陈志强", title: "华南大区经理" },
  east: { key: "manager.east", name: "王丽华", title: "华东大区经理" },
  north: { key: "manager.north", name: "赵建国", title: "华北大区经理" },
  southwest: { key: "manager.southwest", name: "李佳怡", title: "西南大区经理" },
  central: { key: "manager.central", name: "刘海涛", title: "华中大区经理" },
};

const STAFF_NAMES = ["何晓雯", "梁振宇", "郑雅婷", "谢文博", "宋婉清", "唐一鸣", "许梦琪", "韩泽宇", "冯静怡", "邓皓轩",
  "曹慧敏", "彭思远", "曾可馨", "肖俊杰", "田春梅", "董家豪", "袁若汐", "潘明轩", "蒋雨欣", "蔡天佑", "余晓燕", "杜子墨",
  "叶诗涵", "程海燕", "苏嘉懿", "魏梓豪", "吕紫萱", "丁一诺", "任欣怡", "沈浩然"];

/** Everyone, managers before the people who report to them (memberships reference their manager). */
export function demoAccounts(domain = DEMO_EMAIL_DOMAIN): DemoAccount[] {
  const at = (key: string) => `${key}@${domain}`;
  const accounts: DemoAccount[] = [
    { key: "owner", email: at("owner"), name: "林星辰", role: "owner", title: "总经理", place: { kind: "head_office" }, managerKey: null },
    { key: "admin", email: at("admin"), name: "周敏", role: "admin", title: "系统管理员", place: { kind: "head_office" }, managerKey: "owner" },
    { key: "marketing", email: at("marketing"), name: "张思琪", role: "marketing_planner", title: "营销策划经理", place: { kind: "team", team: "marketing" }, managerKey: "owner" },
  ];
  for (const [region, m] of Object.entries(REGION_MANAGERS) as [RegionCode, (typeof REGION_MANAGERS)[RegionCode]][]) {
    accounts.push({ key: m.key, email: at(m.key), name: m.name, role: "manager", title: m.title, place: { kind: "region", region }, managerKey: "owner" });
  }
  const managerOf = (store: string) => REGION_MANAGERS[STORES.find((s) => s.code === store)!.region].key;
  accounts.push({ key: "sales", email: at("sales"), name: "黄晓东", role: "sales_staff", title: "销售顾问", place: { kind: "store", store: "GZ01" }, managerKey: managerOf("GZ01") });
  STORES.forEach((store, i) => {
    const key = `sales.${store.code.toLowerCase()}`;
    accounts.push({
      key, email: at(key), name: STAFF_NAMES[i % STAFF_NAMES.length]!, role: "sales_staff", title: "销售顾问",
      place: { kind: "store", store: store.code }, managerKey: managerOf(store.code),
    });
  });
  return accounts;
}

/** The one login per role that the seeder prints and the docs list. */
export const ROLE_LOGINS: readonly { role: SystemRoleKey; key: string; label: string }[] = [
  { role: "owner", key: "owner", label: "Owner 所有者" },
  { role: "admin", key: "admin", label: "Admin 管理员" },
  { role: "manager", key: "manager", label: "Manager 经理 (华南大区)" },
  { role: "marketing_planner", key: "marketing", label: "Marketing planner 营销策划" },
  { role: "sales_staff", key: "sales", label: "Sales staff 销售顾问 (广州天河城店)" },
];
