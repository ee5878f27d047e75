import { describe, expect, it } from "vitest";
import { cleanCell } from "@/lib/import/clean";
import { cleanDate, zonedTimeToUtc } from "@/lib/import/clean/date";
import { cleanEmail } from "@/lib/import/clean/email";
import { cleanGender } from "@/lib/import/clean/gender";
import { cleanInteger, cleanMoney } from "@/lib/import/clean/number";
import { cleanPhone, fastChinaMobile } from "@/lib/import/clean/phone";
import { normalizePhone } from "@/lib/format/phone";
import { canonicalCity, canonicalProvince, cleanCity, cleanProvince, splitAddress } from "@/lib/import/clean/region";
import { CITIES, PROVINCES } from "@/lib/import/clean/region-data";
import { cleanList, precleanCell, trimText } from "@/lib/import/clean/text";
import { fieldDef } from "@/lib/import/fields";
import { formatMessage, formatRowIssue } from "@/lib/i18n/messages/import";
import type { CleanResult } from "@/lib/import/types";

function value<T>(r: CleanResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason.key} ${JSON.stringify(r.reason.params ?? {})}`);
  return r.value;
}
function reason<T>(r: CleanResult<T>): string {
  if (r.ok) throw new Error(`expected a failure, got ${String(r.value)}`);
  return r.reason.key;
}
const iso = (r: CleanResult<Date>) => value(r).toISOString();

describe("dates: the Chinese and Excel forms, read in the tenant's zone (Asia/Shanghai = UTC+8)", () => {
  const dt = (text: string, timeZone?: string) => cleanDate(text, { kind: "datetime", timeZone });

  it.each([
    ["2024/1/2", "2024-01-01T16:00:00.000Z"],
    ["2024-01-02", "2024-01-01T16:00:00.000Z"],
    ["2024-01-02 13:05", "2024-01-02T05:05:00.000Z"],
    ["2024-01-02T13:05:00", "2024-01-02T05:05:00.000Z"],
    ["2024-01-02T13:05:00.250", "2024-01-02T05:05:00.250Z"],
    ["2024/1/2 13:05:06", "2024-01-02T05:05:06.000Z"],
    ["2024年1月2日", "2024-01-01T16:00:00.000Z"],
    ["2024年1月2日 13:05", "2024-01-02T05:05:00.000Z"],
    ["2024年01月02日13时05分", "2024-01-02T05:05:00.000Z"],
    ["2024年1月2日 下午1:05", "2024-01-02T05:05:00.000Z"],
    ["2024/1/2 1:05 PM", "2024-01-02T05:05:00.000Z"],
    ["20240102", "2024-01-01T16:00:00.000Z"],
    ["20240102130506", "2024-01-02T05:05:06.000Z"],
    ["2024.1.2", "2024-01-01T16:00:00.000Z"],
    ["２０２４－０１－０２", "2024-01-01T16:00:00.000Z"],
    ["13/2/2024", "2024-02-12T16:00:00.000Z"],
    ["2/13/2024", "2024-02-12T16:00:00.000Z"],
  ])("%s → %s", (text, expected) => {
    expect(iso(dt(text))).toBe(expected);
  });

  it("keeps an explicit offset or Z instead of the tenant's zone", () => {
    expect(iso(dt("2024-01-02T13:05:00Z"))).toBe("2024-01-02T13:05:00.000Z");
    expect(iso(dt("2024-01-02T13:05:00+09:00"))).toBe("2024-01-02T04:05:00.000Z");
  });

  it("reads wall-clock times in the tenant's zone, DST included", () => {
    expect(iso(dt("2024-01-02 13:05", "UTC"))).toBe("2024-01-02T13:05:00.000Z");
    expect(iso(dt("2024-07-01 12:00", "America/New_York"))).toBe("2024-07-01T16:00:00.000Z");
    expect(iso(dt("2024-01-01 12:00", "America/New_York"))).toBe("2024-01-01T17:00:00.000Z");
    // 02:30 does not exist on 2024-03-10 in New York (spring forward): the later offset is used.
    expect(iso(dt("2024-03-10 02:30", "America/New_York"))).toBe("2024-03-10T06:30:00.000Z");
    expect(zonedTimeToUtc(2024, 1, 2, 0, 0, 0, 0, "Asia/Shanghai").toISOString()).toBe("2024-01-01T16:00:00.000Z");
    expect(reason(dt("2024-01-02", "Mars/Olympus"))).toBe("import.reason.timeZoneInvalid");
  });

  it("reads Excel serial numbers in the 1900 system, with the fraction as the time of day", () => {
    expect(iso(dt("45658"))).toBe("2024-12-31T16:00:00.000Z"); // 2025-01-01 00:00 in Shanghai
    expect(iso(cleanDate("45658", { kind: "date" }))).toBe("2025-01-01T00:00:00.000Z");
    expect(iso(dt("45658.5"))).toBe("2025-01-01T04:00:00.000Z"); // 12:00 in Shanghai
    expect(iso(dt("45658.5416666667", "UTC"))).toBe("2025-01-01T13:00:00.000Z");
    expect(iso(dt("45658.75", "UTC"))).toBe("2025-01-01T18:00:00.000Z");
    // Before the phantom leap day serials are one day "early" compared with after it.
    expect(iso(cleanDate("1", { kind: "date" }))).toBe("1900-01-01T00:00:00.000Z");
    expect(iso(cleanDate("59", { kind: "date" }))).toBe("1900-02-28T00:00:00.000Z");
    expect(iso(cleanDate("61", { kind: "date" }))).toBe("1900-03-01T00:00:00.000Z");
    expect(reason(dt("60"))).toBe("import.reason.excelLeapBug");
    expect(reason(dt("0"))).toBe("import.reason.dateInvalid");
  });

  it("refuses impossible dates with a reason that says why", () => {
    const r = dt("2024-02-30");
    expect(reason(r)).toBe("import.reason.dateImpossible");
    expect(!r.ok && r.reason.params).toEqual({ year: 2024, month: 2, days: 29 });
    expect(!r.ok && formatMessage("en", r.reason)).toBe("is not a real date: 2024-2 has 29 days");
    expect(!r.ok && formatMessage("zh-CN", r.reason)).toBe("不是真实存在的日期：2024年2月只有 29 天");
    expect(reason(dt("2023-02-29"))).toBe("import.reason.dateImpossible");
    expect(iso(dt("2024-02-29"))).toBe("2024-02-28T16:00:00.000Z");
    expect(reason(dt("2024-13-01"))).toBe("import.reason.dateInvalid");
    expect(reason(dt("2024-01-02 24:00"))).toBe("import.reason.timeInvalid");
    expect(reason(dt("2024-01-02 13:60"))).toBe("import.reason.timeInvalid");
    expect(reason(dt("2024"))).toBe("import.reason.dateYearOnly");
    expect(reason(dt("1850-01-01"))).toBe("import.reason.dateOutOfRange");
    expect(reason(dt("yesterday"))).toBe("import.reason.dateInvalid");
  });

  it("warns when a year-last date could be read both ways, and follows the column's date order when set", () => {
    const r = dt("1/2/2024");
    expect(r.ok && r.warning?.key).toBe("import.warning.dateAmbiguous");
    expect(iso(r)).toBe("2024-01-01T16:00:00.000Z");
    expect(iso(cleanDate("1/2/2024", { kind: "datetime", order: "DMY" }))).toBe("2024-01-31T16:00:00.000Z");
  });

  it("returns a calendar date (UTC midnight) for a date field, dropping any time", () => {
    expect(iso(cleanDate("1990/5/1", { kind: "date" }))).toBe("1990-05-01T00:00:00.000Z");
    expect(iso(cleanDate("1990-05-01 00:00:00", { kind: "date" }))).toBe("1990-05-01T00:00:00.000Z");
    expect(iso(cleanDate("1990年5月1日", { kind: "date" }))).toBe("1990-05-01T00:00:00.000Z");
  });
});

describe("amounts: to a 2-place decimal string, never through a float", () => {
  it.each([
    ["¥1,234.50", "1234.50"],
    ["￥1234.5", "1234.50"],
    ["RMB 1234", "1234.00"],
    ["1234.5元", "1234.50"],
    ["1,234,567.8", "1234567.80"],
    ["(12.30)", "-12.30"],
    ["-12.30", "-12.30"],
    ["¥-5", "-5.00"],
    ["－12.30", "-12.30"],
    ["１２３４．５０", "1234.50"],
    ["1.2万", "12000.00"],
    [".5", "0.50"],
    ["0", "0.00"],
    ["-0.00", "0.00"],
    ["999999999999.99", "999999999999.99"],
  ])("%s → %s", (text, expected) => {
    expect(value(cleanMoney(text))).toBe(expected);
  });

  it("rounds half up on the written digits (1.005 → 1.01, where a float gives 1.00) and says so", () => {
    expect((1.005).toFixed(2)).toBe("1.00"); // what a float would do
    const r = cleanMoney("1.005");
    expect(value(r)).toBe("1.01");
    expect(r.ok && r.warning?.key).toBe("import.warning.amountRounded");
    expect(value(cleanMoney("-1.005"))).toBe("-1.01");
    expect(value(cleanMoney("1.004"))).toBe("1.00");
    expect(value(cleanMoney("0.125"))).toBe("0.13");
    expect(value(cleanMoney("12.3456789"))).toBe("12.35");
    const exact = cleanMoney("1.00");
    expect(exact.ok && exact.warning).toBeUndefined();
  });

  it("refuses what is not an amount", () => {
    expect(reason(cleanMoney("1,23"))).toBe("import.reason.amountInvalid");
    expect(reason(cleanMoney("abc"))).toBe("import.reason.amountInvalid");
    expect(reason(cleanMoney("1.2.3"))).toBe("import.reason.amountInvalid");
    expect(reason(cleanMoney("1000000000000"))).toBe("import.reason.amountTooLarge");
    expect(reason(cleanMoney("-5", { allowNegative: false }))).toBe("import.reason.negative");
  });
});

describe("integers", () => {
  it.each([["1,234", 1234], ["12.0", 12], ["-3", -3], ["+7", 7], ["１２", 12]])("%s → %d", (text, expected) => {
    expect(value(cleanInteger(text))).toBe(expected);
  });
  it("refuses decimals, words, huge and too-small values", () => {
    expect(reason(cleanInteger("12.5"))).toBe("import.reason.notWholeNumber");
    expect(reason(cleanInteger("twelve"))).toBe("import.reason.integerInvalid");
    expect(reason(cleanInteger("99999999999"))).toBe("import.reason.integerTooLarge");
    expect(reason(cleanInteger("0", { min: 1 }))).toBe("import.reason.belowMin");
    expect(reason(cleanInteger("-1", { min: 0 }))).toBe("import.reason.negative");
  });
});

describe("phones: E.164 through the shared normalizePhone", () => {
  it.each([
    ["+86 138 0013 8000", "+8613800138000"],
    ["+86-138-0013-8000", "+8613800138000"],
    ["0086 13800138000", "+8613800138000"],
    ["008613800138000", "+8613800138000"],
    ["138 0013 8000", "+8613800138000"],
    ["138-0013-8000", "+8613800138000"],
    ["13800138000.0", "+8613800138000"],
    ["１３８００１３８０００", "+8613800138000"],
  ])("mobile %s → %s", (text, expected) => {
    expect(value(cleanPhone(text, { kind: "mobile" }))).toBe(expected);
  });

  it.each([
    ["020-12345678", "+862012345678"],
    ["(0755)12345678", "+8675512345678"],
    ["0755-1234-5678", "+8675512345678"],
    ["010 8888 8888", "+861088888888"],
  ])("landline with area code %s → %s", (text, expected) => {
    expect(value(cleanPhone(text))).toBe(expected);
  });

  it("says which rule failed: a mobile-only column vs a phone column", () => {
    expect(reason(cleanPhone("12345", { kind: "mobile" }))).toBe("import.reason.mobileInvalid");
    expect(reason(cleanPhone("12345", { kind: "any" }))).toBe("import.reason.phoneInvalid");
    expect(reason(cleanPhone("020-12345678", { kind: "mobile" }))).toBe("import.reason.notMobile");
    expect(reason(cleanPhone("87654321"))).toBe("import.reason.phoneNeedsAreaCode");
    expect(reason(cleanPhone("1.38001E+10", { kind: "mobile" }))).toBe("import.reason.scientific");
  });

  it("writes the exact report line for a bad mobile number, in both languages", () => {
    const r = cleanPhone("12345", { kind: "mobile" });
    if (r.ok) throw new Error("expected a failure");
    const issue = { row: 17, column: "手机", value: "12345", reason: r.reason };
    expect(formatRowIssue("en", issue)).toBe("row 17: 手机 '12345' is not a valid mobile number");
    expect(formatRowIssue("zh-CN", issue)).toBe("第 17 行：手机 '12345' 不是有效的手机号码");
  });

  it("takes its fast path for plain Chinese mobiles only where libphonenumber agrees, over every 3-digit prefix", () => {
    let fast = 0;
    for (let prefix = 100; prefix <= 199; prefix++) {
      for (const rest of ["00000000", "12345678", "99999999", "00138000", "40012345"]) {
        const national = `${prefix}${rest}`;
        const full = normalizePhone(national);
        for (const written of [national, `+86 ${national}`, `0086${national}`, `86${national}`, `${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`]) {
          const quick = fastChinaMobile(written);
          if (quick !== null) {
            fast++;
            expect(quick, written).toBe(full);
          }
        }
        if (full) expect(value(cleanPhone(national, { kind: "any" }))).toBe(full);
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it("keeps the first valid number of several, with a warning", () => {
    const r = cleanPhone("13800138000/13900139000", { kind: "mobile" });
    expect(value(r)).toBe("+8613800138000");
    expect(r.ok && r.warning).toEqual({ key: "import.warning.phoneMultiple", params: { count: 2, kept: "+8613800138000" } });
  });
});

describe("e-mails", () => {
  it("lower-cases, folds full-width characters and validates", () => {
    expect(value(cleanEmail("ZhangSan@Example.COM"))).toBe("zhangsan@example.com");
    expect(value(cleanEmail("ｚｓ＠ｑｑ．ｃｏｍ"))).toBe("zs@qq.com");
    expect(value(cleanEmail("mailto:a.b+c@mail.example.cn"))).toBe("a.b+c@mail.example.cn");
    for (const bad of ["wangwu@example", "a@@b.com", "@qq.com", "a..b@qq.com", "张三@qq.com"]) {
      expect(reason(cleanEmail(bad))).toBe("import.reason.emailInvalid");
    }
    const two = cleanEmail("a@x.com; b@y.com");
    expect(value(two)).toBe("a@x.com");
    expect(two.ok && two.warning?.key).toBe("import.warning.emailMultiple");
  });
});

describe("gender", () => {
  it.each(["男", "男性", "M", "male", "Male", "先生", "1"])("%s → male", (text) => expect(value(cleanGender(text))).toBe("male"));
  it.each(["女", "女性", "F", "female", "女士", "小姐", "2"])("%s → female", (text) => expect(value(cleanGender(text))).toBe("female"));
  it("explicit unknowns are empty; anything else is empty with a warning, never an error", () => {
    expect(cleanGender("保密")).toEqual({ ok: true, value: null });
    expect(cleanGender("未知")).toEqual({ ok: true, value: null });
    expect(cleanGender("外星人")).toEqual({ ok: true, value: null, warning: { key: "import.warning.genderUnknown" } });
  });
});

describe("provinces and cities", () => {
  it("has all 34 provincial-level divisions, each found from its full name, short name and suffixed forms", () => {
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(34);
    for (const p of PROVINCES) {
      expect(canonicalProvince(p.name)).toBe(p.name);
      expect(canonicalProvince(p.core)).toBe(p.name);
      expect(canonicalProvince(` ${p.core} `)).toBe(p.name);
      for (const alias of p.aliases) expect(canonicalProvince(alias)).toBe(p.name);
      for (const latin of p.latin) expect(canonicalProvince(latin)).toBe(p.name);
    }
  });

  it.each([
    ["广东", "广东省"], ["广东省", "广东省"], ["粤", "广东省"], ["Guangdong Province", "广东省"],
    ["北京", "北京市"], ["北京市", "北京市"], ["内蒙古", "内蒙古自治区"], ["内蒙", "内蒙古自治区"], ["广西", "广西壮族自治区"],
    ["广西壮族自治区", "广西壮族自治区"], ["西藏", "西藏自治区"], ["宁夏", "宁夏回族自治区"], ["新疆", "新疆维吾尔自治区"],
    ["香港", "香港特别行政区"], ["中国香港", "香港特别行政区"], ["澳门", "澳门特别行政区"], ["台湾", "台湾省"],
    ["黑龙江", "黑龙江省"], ["陕西", "陕西省"], ["Shaanxi", "陕西省"], ["Shanxi", "山西省"],
  ])("%s → %s", (text, expected) => {
    expect(value(cleanProvince(text))).toBe(expected);
  });

  it("keeps an unknown province as written, with a warning", () => {
    expect(cleanProvince("加州")).toEqual({ ok: true, value: "加州", warning: { key: "import.warning.provinceUnknown" } });
  });

  it("normalizes prefecture-level cities and leaves others as given", () => {
    expect(value(cleanCity("深圳"))).toBe("深圳市");
    expect(value(cleanCity("深圳市"))).toBe("深圳市");
    expect(value(cleanCity("延边"))).toBe("延边朝鲜族自治州");
    expect(value(cleanCity("昆山市"))).toBe("昆山市");
    expect(value(cleanCity("Springfield"))).toBe("Springfield");
    expect(canonicalCity("吉林")).toBe("吉林市");
    expect(CITIES.length).toBeGreaterThan(330);
    expect(new Set(CITIES.map((c) => c.name)).size).toBe(CITIES.length);
  });

  it.each([
    ["广东省深圳市南山区科技园科苑路15号", "广东省", "深圳市", "南山区", "科技园科苑路15号"],
    ["广东深圳南山区科技园", "广东省", "深圳市", "南山区", "科技园"],
    ["深圳市南山区科技园", "广东省", "深圳市", "南山区", "科技园"],
    ["北京市朝阳区建国路88号", "北京市", "北京市", "朝阳区", "建国路88号"],
    ["上海浦东新区世纪大道100号", "上海市", "上海市", "浦东新区", "世纪大道100号"],
    ["内蒙古呼和浩特市新城区", "内蒙古自治区", "呼和浩特市", "新城区", ""],
    ["新疆维吾尔自治区乌鲁木齐市天山区", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", ""],
    ["吉林省吉林市船营区", "吉林省", "吉林市", "船营区", ""],
    ["广州市天河路385号", "广东省", "广州市", null, "天河路385号"],
    ["中国 浙江省 杭州市 西湖区 文三路", "浙江省", "杭州市", "西湖区", "文三路"],
  ])("splits %s", (address, province, city, district, rest) => {
    expect(splitAddress(address)).toEqual({ province, city, district, rest });
  });

  it("guesses nothing it cannot find", () => {
    expect(splitAddress("科技园科苑路15号")).toEqual({ province: null, city: null, district: null, rest: "科技园科苑路15号" });
  });
});

describe("text and the spreadsheet tricks", () => {
  it("trims full-width spaces and zero-width characters", () => {
    expect(trimText("\u3000张三\u200B ")).toBe("张三");
    expect(trimText("\uFEFF\u00A0李\u200D四\t")).toBe("李四");
  });

  it("unwraps =\"…\", undoes the export's apostrophe guard, refuses formulas and Excel errors", () => {
    expect(value(precleanCell('="202401020001"'))).toBe("202401020001");
    expect(value(precleanCell("'=HYPERLINK(1)"))).toBe("=HYPERLINK(1)");
    expect(reason(precleanCell("=SUM(A1:A3)"))).toBe("import.reason.formula");
    expect(reason(precleanCell("#N/A"))).toBe("import.reason.excelError");
    expect(value(precleanCell("   "))).toBe("");
  });

  it("splits lists on Chinese and ASCII separators", () => {
    expect(value(cleanList("运动、旅游；美食, 运动 | 读书"))).toEqual(["运动", "旅游", "美食", "读书"]);
  });

  it("treats placeholders as empty in typed fields only", () => {
    const birthday = fieldDef("customers", "birthday")!;
    const occupation = fieldDef("customers", "occupation")!;
    expect(cleanCell(birthday, "N/A")).toEqual({ ok: true, value: null });
    expect(cleanCell(birthday, "-")).toEqual({ ok: true, value: null });
    expect(value(cleanCell(occupation, "无"))).toBe("无");
    const orderNo = fieldDef("orders", "orderNo")!;
    expect(reason(cleanCell(orderNo, "1.23457E+17"))).toBe("import.reason.scientific");
  });
});
