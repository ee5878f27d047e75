// Who the customers are: Chinese names from surname and given-name pools weighted
// roughly like the population, mobile numbers that are valid and never repeat,
// e-mail addresses for some, birthdays, occupations and interests.
import { feistelDigits, hash128, WeightedSampler, type Random } from "@/lib/demo/random";

// The hundred commonest surnames, most frequent first (their weights fall off the
// way the census shares do: 王 and 李 are each ~7 %, the hundredth ~0.1 %).
const SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").split("");
const surname = new WeightedSampler([...SURNAMES, "欧阳", "司马", "上官", "诸葛"], [...SURNAMES.map((_, i) => 1 / (i + 8)), 0.004, 0.002, 0.002, 0.001]);

const MALE = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇",
  "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "博", "文", "子轩", "浩然", "宇轩", "俊杰", "志强", "建华", "建国",
  "晓东", "国强", "海涛", "文博", "明轩", "梓豪", "一鸣", "天佑", "家豪", "振宇", "嘉懿", "思远", "泽宇", "皓轩", "子墨"];
const FEMALE = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "婷", "雪", "琳", "晶", "颖", "倩", "洁", "欣", "瑶", "璐", "萍",
  "秀英", "桂英", "欣怡", "梓涵", "诗涵", "雨桐", "佳怡", "可馨", "思琪", "晓燕", "丽娟", "雅婷", "美玲", "婉清", "紫萱", "一诺",
  "梦琪", "若汐", "雨欣", "子涵", "静怡", "慧敏", "晓雯", "春梅", "海燕", "红霞"];

export type Gender = "M" | "F" | "U";

export function chineseName(rng: Random, gender: Gender): string {
  const pool = gender === "M" ? MALE : gender === "F" ? FEMALE : rng.chance(0.5) ? MALE : FEMALE;
  return surname.sample(rng) + rng.pick(pool);
}

// Mobile prefixes of the three carriers (and their MVNO-free ranges) that
// libphonenumber knows as valid Chinese mobile numbers.
const MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
  "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189",
  "191", "198", "199"];

/**
 * The mobile number of the index-th customer in E.164: a prefix plus an 8-digit
 * suffix that is a keyed bijection of the index, so no two customers share one
 * (for up to 10^8 customers), without remembering the numbers already used.
 */
export function mobileFor(index: number, rng: Random, seed: string): string {
  const suffix = feistelDigits(index, 4, keyOf(seed, "phone"));
  return `+86${rng.pick(MOBILE_PREFIXES)}${String(suffix).padStart(8, "0")}`;
}

const keys = new Map<string, readonly number[]>();
function keyOf(seed: string, purpose: string) {
  const name = `${seed}\u0000${purpose}`;
  let k = keys.get(name);
  if (!k) keys.set(name, (k = hash128(name)));
  return k;
}

const MAIL_DOMAINS = new WeightedSampler(["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "outlook.com", "139.com"],
  [0.45, 0.2, 0.1, 0.06, 0.07, 0.07, 0.05]);
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** An address unique per index: QQ numbers (a bijection of the index) at qq.com, letters and the index elsewhere. */
export function emailFor(index: number, rng: Random, seed: string): string {
  const domain = MAIL_DOMAINS.sample(rng);
  if (domain === "qq.com") return `${100_000_000 + feistelDigits(index, 4, keyOf(seed, "qq")) * 10 + rng.int(0, 9)}@qq.com`;
  let local = "";
  for (let i = rng.int(3, 7); i > 0; i--) local += LETTERS[rng.int(0, 25)];
  return `${local}${index}@${domain}`; // letters then digits: the index is readable back, so unique
}

/** A birthday (YYYY-MM-DD) for an adult phone buyer: mostly 20–45, some older. */
export function birthdayFor(rng: Random, referenceYear: number): { birthday: string; age: number } {
  const age = Math.round(Math.min(72, Math.max(16, rng.chance(0.8) ? rng.normal(31, 8) : rng.normal(52, 9))));
  const year = referenceYear - age;
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { birthday: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, age };
}

export function occupationFor(rng: Random, age: number): string {
  if (age <= 22 && rng.chance(0.7)) return "学生";
  if (age >= 60 && rng.chance(0.7)) return "退休";
  return rng.pick(["白领", "工程师", "教师", "医护人员", "公务员", "个体经营", "销售", "设计师", "自由职业", "企业管理者",
    "程序员", "财务", "外卖骑手", "工人"]);
}

const INTERESTS = ["摄影", "手游", "运动健康", "影音娱乐", "商务办公", "旅行", "数码科技", "阅读", "美食", "育儿"] as const;

export function interestsFor(rng: Random): string[] {
  const n = rng.chance(0.25) ? 0 : rng.int(1, 3);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.pick(INTERESTS));
  return [...chosen];
}
