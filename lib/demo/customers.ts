// One customer's profile: when and where they were acquired, who they are, which
// store and salesperson they belong to, and their tastes (brand, budget), which the
// order generator reads. Customers are numbered in order of acquisition, so
// external ids and member numbers grow with time as they would in a real system;
// the earliest were acquired before the written history starts (world.ts).
import { timeOnDay } from "@/lib/demo/calendar";
import {
  BRAND_SHARE, CITY_DISTRICTS, COMPOUNDS, PHONE_BRANDS, STREETS, type Brand, type Channel,
} from "@/lib/demo/catalog";
import { birthdayFor, chineseName, emailFor, interestsFor, mobileFor, occupationFor, type Gender } from "@/lib/demo/people";
import { WeightedSampler, type Random } from "@/lib/demo/random";
import type { DemoWorld, StoreRef } from "@/lib/demo/world";

export type Budget = "low" | "mid" | "high";

export type Profile = {
  index: number;
  id: string;
  externalId: string;
  acquiredAt: number;
  source: Channel;
  buyer: boolean;
  home: StoreRef;
  ownerUserId: string | null;
  gender: Gender;
  name: string;
  age: number;
  birthday: string | null;
  phone: string;
  email: string | null;
  province: string;
  city: string;
  district: string;
  address: string;
  occupation: string | null;
  interests: string[];
  brand: Brand;
  budget: Budget;
  corporate: boolean;
};

const BUYER_SOURCE = new WeightedSampler<Channel>(["store", "tmall", "jd", "wechat"], [0.45, 0.2, 0.17, 0.18]);
const REGISTRANT_SOURCE = new WeightedSampler<Channel>(["wechat", "store"], [0.65, 0.35]);
const GENDER = new WeightedSampler<Gender>(["M", "F", "U"], [0.52, 0.46, 0.02]);
const BRAND = new WeightedSampler(PHONE_BRANDS, BRAND_SHARE);

function budgetFor(rng: Random, age: number, occupation: string | null): Budget {
  let low = 0.3, high = 0.25;
  if (occupation === "学生" || occupation === "退休" || occupation === "外卖骑手") { low = 0.6; high = 0.08; }
  if (occupation === "企业管理者" || occupation === "程序员" || occupation === "医护人员") { low = 0.12; high = 0.45; }
  if (age >= 28 && age <= 45) high += 0.05;
  const x = rng.float();
  return x < low ? "low" : x < low + high ? "high" : "mid";
}

export function customerProfile(world: DemoWorld, index: number, rng: Random): Profile {
  const { span, window, acquisition } = world;
  const buyer = rng.chance(world.model.buyerShare);
  const source = (buyer ? BUYER_SOURCE : REGISTRANT_SOURCE).sample(rng);
  // The index-th of N customers is acquired at the matching quantile of the
  // acquisition calendar, so customers come in time order.
  const quantile = (index + rng.float()) / world.options.customers;
  const day = acquisition.dayAt(quantile * acquisition.total);
  const acquiredAt = Math.min(timeOnDay(span, day, source !== "store", rng), window.end - 60_000 - rng.int(0, 3_600_000));

  const home = world.homeStore.sample(rng);
  const staff = world.staff.get(home.code) ?? [];
  const districts = CITY_DISTRICTS[home.city!] ?? [home.district!];
  const district = source === "store" && rng.chance(0.5) ? home.district! : rng.pick(districts);
  const gender = GENDER.sample(rng);
  const referenceYear = new Date(window.end).getUTCFullYear();
  const { birthday, age } = birthdayFor(rng, referenceYear);
  const occupation = rng.chance(0.7) ? occupationFor(rng, age) : null;
  const address = `${district}${rng.pick(STREETS)}${rng.int(1, 399)}号${rng.pick(COMPOUNDS)}${rng.int(1, 30)}栋${rng.int(1, 32)}${String(rng.int(1, 6)).padStart(2, "0")}室`;

  return {
    index,
    id: world.ids("customer")(index),
    externalId: `C${String(index + 1).padStart(9, "0")}`,
    acquiredAt,
    source,
    buyer,
    home,
    ownerUserId: staff.length ? rng.pick(staff) : null,
    gender,
    name: chineseName(rng, gender),
    age,
    birthday: rng.chance(0.82) ? birthday : null,
    phone: mobileFor(index, rng, world.options.seed),
    email: rng.chance(0.3) ? emailFor(index, rng, world.options.seed) : null,
    province: home.province!,
    city: home.city!,
    district,
    address,
    occupation,
    interests: interestsFor(rng),
    brand: BRAND.sample(rng),
    budget: budgetFor(rng, age, occupation),
    corporate: buyer && rng.chance(0.015),
  };
}
