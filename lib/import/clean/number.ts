// Amounts and whole numbers. Amounts never pass through a float: the text is read
// as a big integer and a scale, rounded to cents on the digits, and written back as
// a decimal string ("1234.50") that Postgres numeric takes as it is.
//
// Rounding rule: half up, away from zero, on the decimal digits as written (四舍五入):
// "1.005" → "1.01", "-1.005" → "-1.01", "1.004" → "1.00". A float would give 1.00 for
// 1.005 (it is 1.00499999… in binary); the string never drifts. Rounding warns.
import { fail, msg, ok, type CleanResult } from "@/lib/import/types";

const CURRENCY_PREFIX = /^(?:RMB|CNY|人民币|¥|￥|\$|USD|US\$)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|圆|块|RMB|CNY|人民币)$/i;
// numeric(14,2): 12 digits before the point.
const MAX_CENTS = 10n ** 14n;

/** Digits and scale of a plain decimal ("1,234.50" → 123450n, 2), or null. Thousands separators must group by 3. */
function readDecimal(text: string): { digits: bigint; scale: number } | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const whole = (m[1] ?? "0").replace(/,/g, "");
  const frac = m[2] ?? "";
  return { digits: BigInt(whole + frac), scale: frac.length };
}

function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** "1234.50" → 123450n. For arithmetic on cleaned amounts (line total = unit price × quantity). */
export function moneyToCents(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole, frac = ""] = (negative ? value.slice(1) : value).split(".");
  const cents = BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  return negative ? -cents : cents;
}

export function centsToMoney(cents: bigint): string {
  return formatCents(cents);
}

export type MoneyOptions = { allowNegative?: boolean };

/** ¥1,234.50 / ￥1234.5 / RMB 1234 / 1234.5元 / (12.30) / -12.30 / １２３４．５０ / 1.2万 → "1234.50"-style strings. */
export function cleanMoney(raw: string, options: MoneyOptions = {}): CleanResult<string> {
  let text = raw.normalize("NFKC").trim().replace(/[−–]/g, "-");
  let negative = false;
  const parens = /^\((.*)\)$/.exec(text);
  if (parens) {
    negative = true;
    text = parens[1].trim();
  }
  if (text.startsWith("-")) {
    negative = !negative;
    text = text.slice(1).trim();
  } else if (text.startsWith("+")) text = text.slice(1).trim();
  text = text.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "");
  if (text.startsWith("-") && !negative) {
    // "¥-12.30"
    negative = true;
    text = text.slice(1);
  }
  let tenThousands = false;
  if (/万$/.test(text)) {
    tenThousands = true;
    text = text.slice(0, -1);
  }
  text = text.replace(/[\s']/g, "").trim();
  const dec = readDecimal(text);
  if (!dec) return fail("import.reason.amountInvalid");
  const { digits: read, scale } = dec;
  const digits = tenThousands ? read * 10_000n : read;
  let rounded = false;
  let cents: bigint;
  if (scale <= 2) cents = digits * 10n ** BigInt(2 - scale);
  else {
    const unit = 10n ** BigInt(scale - 2);
    cents = digits / unit;
    const rest = digits % unit;
    if (rest !== 0n) {
      rounded = true;
      if (rest * 2n >= unit) cents += 1n;
    }
  }
  if (cents >= MAX_CENTS) return fail("import.reason.amountTooLarge");
  if (negative && cents !== 0n) {
    if (options.allowNegative === false) return fail("import.reason.negative");
    cents = -cents;
  }
  const value = formatCents(cents);
  return rounded ? ok(value, msg("import.warning.amountRounded", { value })) : ok(value);
}

export type IntegerOptions = { min?: number; max?: number };

/** "1,234", "１２", "12.0", "+5", "-3" → numbers; "12.5" and anything past 32 bits are refused. */
export function cleanInteger(raw: string, options: IntegerOptions = {}): CleanResult<number> {
  const text = raw.normalize("NFKC").trim().replace(/[−–]/g, "-").replace(/\s/g, "");
  const m = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/.exec(text);
  if (!m) {
    if (/^[+-]?[\d,]*\.\d+$/.test(text)) return fail("import.reason.notWholeNumber");
    return fail("import.reason.integerInvalid");
  }
  const digits = m[2].replace(/,/g, "");
  if (digits.length > 10) return fail("import.reason.integerTooLarge");
  const value = Number(digits) * (m[1] === "-" ? -1 : 1);
  const min = options.min ?? -2_147_483_648;
  const max = options.max ?? 2_147_483_647;
  if (value < min) return fail(min === 0 ? "import.reason.negative" : "import.reason.belowMin", { min });
  if (value > max) return fail("import.reason.integerTooLarge");
  return ok(value === 0 ? 0 : value);
}
