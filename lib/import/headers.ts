// Header names compared the way a person reads them: case, full-width/half-width,
// spaces, punctuation and a required-marker asterisk do not matter; a trailing
// note in brackets ("金额(元)", "手机号（必填）") can be dropped for a second try.

/** "Customer Name", "customer_name", "ＣＵＳＴＯＭＥＲ－ＮＡＭＥ", "*客户 姓名" → "customername" / "客户姓名". */
export function headerToken(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]/gu, "");
}

/** The token without bracketed notes: "金额(元)" → "金额", "手机号【必填】" → "手机号". */
export function headerTokenBare(header: string): string {
  return headerToken(header.normalize("NFKC").replace(/[([{【〔<《][^)\]}】〕>》]*[)\]}】〕>》]/g, ""));
}

/** Latin words of a header, camelCase and snake_case split: "customerMobile_no" → ["customer", "mobile", "no"]. */
export function headerWords(header: string): string[] {
  return header.normalize("NFKC")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when the text has CJK characters (then substring matching is safe; for Latin we match whole words). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
