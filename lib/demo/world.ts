// The fixed frame every customer is generated in: the time window and its calendar,
// the organisation (regions, stores, online shops, teams) and catalog with ids
// derived from the seed, the salespeople of each store, and the purchase model
// calibrated to the requested order count. Pure: no database.
import { DAY_MS, DayIntensity, windowEndingAt, type DemoWindow, shoppingWeight } from "@/lib/demo/calendar";
import {
  ONLINE_SHOPS, PRODUCTS, REGIONS, STORES, TAGS, TIERS,
  type Channel, type ProductDef, type RegionCode, type StoreDef, type TierDef,
} from "@/lib/demo/catalog";
import { BASE_MODEL, calibrateAlpha, type PurchaseModel } from "@/lib/demo/purchase-model";
import { uuidFactory, WeightedSampler } from "@/lib/demo/random";
import { money, type DepartmentRow, type MemberTierRow, type ProductRow, type StoreRow, type TagRow } from "@/lib/demo/rows";

export type DemoOptions = {
  seed: string;
  customers: number;
  /** Target number of orders; the total lands within a few percent of it. */
  orders: number;
  /** Exclusive end of the two years of history. */
  end: Date;
};

export const DEFAULT_SEED = "xingchen";
export const DEFAULT_CUSTOMERS = 20_000;
export const DEFAULT_ORDERS = 150_000;
const HISTORY_YEARS = 2;
const PRIOR_YEARS = 2;
/** Share of customers acquired before the written history starts. */
const PRIOR_SHARE = 0.4;

export type StoreRef = StoreRow & { channel: Channel; region: RegionCode | null; weight: number };
export type ProductRef = ProductRow & { def: ProductDef; cents: number; launchedAt: number };
export type TierRef = MemberTierRow & { def: TierDef; thresholdCents: number };

export type DemoWorld = {
  options: DemoOptions;
  /** The two years of history that is written: every order, interaction and points entry falls in it. */
  window: DemoWindow;
  /**
   * The simulated time: two more years before the window, so the chain already has
   * customers when the history starts (their earlier orders are not written, as if
   * the CRM went live at the window's start).
   */
  span: DemoWindow;
  /** Day index (in span) of the window's first day. */
  windowStartDay: number;
  ids: (namespace: string) => (n: number) => string;
  /** Regions and teams have parentId null: they hang under the head office that provisioning creates. */
  departments: DepartmentRow[];
  regionDepartment: Record<RegionCode, string>;
  teamDepartment: Record<"marketing" | "ecommerce", string>;
  stores: StoreRef[];
  storeByCode: Map<string, StoreRef>;
  storesByRegion: Map<RegionCode, StoreRef[]>;
  homeStore: WeightedSampler<StoreRef>;
  onlineShops: Record<Exclude<Channel, "store">, StoreRef>;
  products: ProductRef[];
  tiers: TierRef[];
  tagByName: Map<string, TagRow>;
  /** User ids of the salespeople of each store code, who own its customers. */
  staff: Map<string, string[]>;
  model: PurchaseModel;
  /** Shopping intensity per day (mean 1): purchase timing. */
  shopping: DayIntensity;
  /** Acquisition intensity: shopping days plus a growing business. */
  acquisition: DayIntensity;
};

const launchOf = (def: ProductDef) => (def.launched ? Date.parse(`${def.launched}T00:00:00+08:00`) : 0);

export function buildWorld(options: DemoOptions, staff: Map<string, string[]>): DemoWorld {
  if (!Number.isInteger(options.customers) || options.customers < 1) throw new Error("customers must be a positive integer");
  if (!Number.isInteger(options.orders) || options.orders < 0) throw new Error("orders must be a non-negative integer");
  const factory = uuidFactory(options.seed);
  const factories = new Map<string, (n: number) => string>();
  const ids = (namespace: string) => {
    let f = factories.get(namespace);
    if (!f) factories.set(namespace, (f = factory(namespace)));
    return f;
  };
  const window = windowEndingAt(options.end, HISTORY_YEARS);
  const span = windowEndingAt(options.end, HISTORY_YEARS + PRIOR_YEARS);
  const windowStartDay = Math.round((window.start - span.start) / DAY_MS);

  const departments: DepartmentRow[] = [];
  const regionDepartment = {} as Record<RegionCode, string>;
  const deptId = ids("department");
  REGIONS.forEach((r, i) => {
    regionDepartment[r.code] = deptId(i);
    departments.push({ id: deptId(i), parentId: null, name: r.name, kind: "region" });
  });
  const teamDepartment = { ecommerce: deptId(100), marketing: deptId(101) };
  departments.push({ id: teamDepartment.ecommerce, parentId: null, name: "电商中心", kind: "team" });
  departments.push({ id: teamDepartment.marketing, parentId: null, name: "市场营销部", kind: "team" });

  const storeId = ids("store");
  const stores: StoreRef[] = STORES.map((s: StoreDef, i) => {
    const departmentId = deptId(200 + i);
    departments.push({ id: departmentId, parentId: regionDepartment[s.region], name: s.name, kind: "store" });
    return {
      id: storeId(i), code: s.code, name: s.name, kind: "store", departmentId, province: s.province, city: s.city,
      district: s.district, openedAt: s.openedAt, channel: "store", region: s.region, weight: s.weight,
    };
  });
  const onlineShops = {} as DemoWorld["onlineShops"];
  ONLINE_SHOPS.forEach((o, i) => {
    onlineShops[o.channel] = {
      id: storeId(100 + i), code: o.code, name: o.name, kind: "online", departmentId: teamDepartment.ecommerce,
      province: null, city: null, district: null, openedAt: null, channel: o.channel, region: null, weight: 0,
    };
  });
  const storesByRegion = new Map<RegionCode, StoreRef[]>();
  for (const s of stores) storesByRegion.set(s.region!, [...(storesByRegion.get(s.region!) ?? []), s]);

  const productId = ids("product");
  const products: ProductRef[] = PRODUCTS.map((def, i) => ({
    id: productId(i), sku: def.sku, name: def.name, category: def.category, brand: def.brand,
    price: money(def.price * 100), def, cents: def.price * 100, launchedAt: launchOf(def),
  }));
  const tierId = ids("member_tier");
  const tiers: TierRef[] = TIERS.map((def, i) => ({
    id: tierId(i), rank: def.rank, name: def.name, threshold: money(def.threshold * 100), benefits: def.benefits,
    def, thresholdCents: def.threshold * 100,
  }));
  const tagId = ids("tag");
  const tagByName = new Map(TAGS.map((t, i) => [t.name, { id: tagId(i), name: t.name, color: t.color }]));

  const shopping = new DayIntensity(span, (_, date) => shoppingWeight(date));
  // Acquisition: a steady stream before the window, a growing one inside it, scaled
  // so that PRIOR_SHARE of the customers arrive before the window.
  const growth = (day: number) => (day < windowStartDay ? 1 : 0.7 + (0.8 * (day - windowStartDay)) / window.days);
  let prior = 0, inside = 0;
  for (let d = 0; d < span.days; d++) {
    const w = shopping.weights[d]! * growth(d);
    if (d < windowStartDay) prior += w; else inside += w;
  }
  const priorScale = (PRIOR_SHARE / (1 - PRIOR_SHARE)) * (inside / prior);
  const acquisition = new DayIntensity(span, (day, date) => shoppingWeight(date) * growth(day) * (day < windowStartDay ? priorScale : 1));
  const buyers = options.customers * BASE_MODEL.buyerShare;
  const perBuyer = options.orders / Math.max(1, buyers);
  const alpha = calibrateAlpha(BASE_MODEL, shopping, acquisition, window.start, perBuyer, options.seed);

  return {
    options, window, span, windowStartDay, ids, departments, regionDepartment, teamDepartment, stores,
    storeByCode: new Map(stores.map((s) => [s.code, s])), storesByRegion,
    homeStore: new WeightedSampler(stores, stores.map((s) => s.weight)),
    onlineShops, products, tiers, tagByName, staff,
    model: { ...BASE_MODEL, alpha }, shopping, acquisition,
  };
}
