// Import texts in both languages, same keys (TypeScript enforces it), in the shape
// of lib/i18n/messages/<area>.ts so they can be registered there. A cleaner's reason
// is a predicate that follows "<column> '<value>'", so a report line reads
// `row 17: 手机 '12345' is not a valid mobile number` / `第 17 行：手机 '12345' 不是有效的手机号码`.
import type { Msg } from "@/lib/import/types";

export const en = {
  // How a row's problem is written in the report and the error CSV.
  "import.row.issue": "row {row}: {column} '{value}' {reason}",
  "import.row.issueEmpty": "row {row}: {column} {reason}",
  "import.row.rowIssue": "row {row}: {reason}",

  // Reasons a cell is refused (each follows "<column> '<value>'").
  "import.reason.required": "is required",
  "import.reason.formula": "is a spreadsheet formula, not a value: in Excel copy the column and paste it as values, then save again",
  "import.reason.excelError": "is a spreadsheet error value",
  "import.reason.scientific": "is in scientific notation, so Excel has already lost digits: format the column as text in Excel and export again",
  "import.reason.identifierSpaces": "contains a line break or tab, which an id cannot",
  "import.reason.tooLong": "is longer than {max} characters",
  "import.reason.tooManyItems": "has more than {max} items",
  "import.reason.itemTooLong": "has an item longer than {max} characters",
  "import.reason.mobileInvalid": "is not a valid mobile number",
  "import.reason.notMobile": "is a landline or service number, not a mobile number",
  "import.reason.phoneInvalid": "is not a valid phone number",
  "import.reason.phoneNeedsAreaCode": "is not a valid phone number: a landline needs its area code, e.g. 020-12345678",
  "import.reason.emailInvalid": "is not a valid e-mail address",
  "import.reason.dateInvalid": "is not a date we can read (e.g. 2024-01-02, 2024/1/2 13:05, 2024年1月2日)",
  "import.reason.dateImpossible": "is not a real date: {year}-{month} has {days} days",
  "import.reason.dateOutOfRange": "is outside the years {min}–{max}",
  "import.reason.dateYearOnly": "is only a year; a full date is needed",
  "import.reason.timeInvalid": "has a time of day that does not exist",
  "import.reason.excelLeapBug": "is Excel's day 60, the 29 February 1900 that never existed",
  "import.reason.timeZoneInvalid": "cannot be read: the time zone {zone} is unknown",
  "import.reason.amountInvalid": "is not an amount we can read (e.g. 1234.50, ¥1,234.50)",
  "import.reason.amountTooLarge": "is too large an amount",
  "import.reason.negative": "must not be negative",
  "import.reason.integerInvalid": "is not a whole number",
  "import.reason.notWholeNumber": "has decimals; a whole number is needed",
  "import.reason.integerTooLarge": "is too large",
  "import.reason.belowMin": "must be at least {min}",
  "import.reason.enumInvalid": "is not one of: {allowedEn}",
  // Reasons about a whole row (follow "row N:").
  "import.reason.customerRefMissing": "no way to find the customer: fill in at least one of {fieldsEn}",
  "import.reason.priceMissing": "needs a unit price or a line amount",
  "import.reason.tooManyCells": "has {cells} cells but the header has {columns}: a comma inside a cell is probably not quoted",
  "import.reason.unclosedQuote": "opens a quote that is never closed, so the rest of the file could not be read",
  "import.reason.malformedQuotes": "has a quoted cell with text after its closing quote",
  "import.reason.rowTooLong": "the row is longer than {max} characters",
  "import.reason.duplicate": "same {keyEn} as row {of}: skipped as a duplicate",

  // Warnings: the row is imported, with this said about it.
  "import.warning.phoneMultiple": "holds {count} numbers; kept {kept}",
  "import.warning.emailMultiple": "holds {count} addresses; kept {kept}",
  "import.warning.dateAmbiguous": "could be day/month or month/day; read as {read} (set the column's date order to be sure)",
  "import.warning.amountRounded": "has more than 2 decimals; rounded half up to {value}",
  "import.warning.genderUnknown": "is not a gender we recognise; left empty",
  "import.warning.provinceUnknown": "is not a province we recognise; kept as written",
  "import.warning.cityProvinceMismatch": "is not a city of {province}",
  "import.warning.tooFewCells": "has {cells} cells but the header has {columns}; the missing ones are taken as empty",
  "import.warning.timeOrder": "is earlier than {otherEn}",

  // The file as a whole.
  "import.file.empty": "The file is empty.",
  "import.file.headerOnly": "The file has a header row but no data rows.",
  "import.file.binary": "This is not a text (CSV) file. Save it from Excel as “CSV UTF-8” or upload the .xlsx workbook.",
  "import.file.xls": "Old Excel workbooks (.xls) cannot be read. Save it as .xlsx or as CSV and upload again.",
  "import.file.xlsxUnreadable": "The Excel workbook could not be read: it may be damaged or password-protected.",
  "import.file.xlsxNoSheet": "The Excel workbook has no worksheet with data.",
  "import.file.encodingMismatch": "The file is not valid {encoding} from byte {offset} on. Save it again as “CSV UTF-8” and upload it.",
  "import.file.encodingGuess": "The text encoding could not be told for certain; it was read as GB18030 (Chinese Excel). Check the preview.",
  "import.file.tooLarge": "The file is larger than the limit of {limit}.",
  "import.file.lineTooLong": "Line {line} is longer than {max} characters: this is probably not a CSV file, or a quote is not closed.",
  "import.file.duplicateHeader": "The header “{name}” appears more than once; the later column is called “{renamed}”.",
  "import.file.emptyHeader": "Column {column} has no header; it is called “{name}”.",
  "import.file.headerLooksLikeData": "The first row looks like data, not column names. Add a header row.",
  "import.file.titleRowsSkipped": "The first {count} row(s) look like a title and are skipped; the headers are in row {row}.",

  // The mapping step.
  "import.mapping.unknownField": "Unknown field “{field}”.",
  "import.mapping.unknownColumn": "The column “{column}” is not in the file.",
  "import.mapping.columnTwice": "The column “{column}” is matched with more than one field.",
  "import.mapping.requiredUnmapped": "The required field “{labelEn}” is not matched with a column.",
  "import.mapping.groupUnmapped": "Match at least one of these fields with a column: {fieldsEn}.",
} as const;

export type ImportMessageKey = keyof typeof en;

export const zh: Record<ImportMessageKey, string> = {
  "import.row.issue": "第 {row} 行：{column} '{value}' {reason}",
  "import.row.issueEmpty": "第 {row} 行：{column} {reason}",
  "import.row.rowIssue": "第 {row} 行：{reason}",

  "import.reason.required": "为必填项",
  "import.reason.formula": "是公式而不是值：请在 Excel 中复制该列并“选择性粘贴为值”后重新保存",
  "import.reason.excelError": "是表格中的错误值",
  "import.reason.scientific": "是科学计数法，Excel 已丢失部分数字：请把该列设为文本格式后重新导出",
  "import.reason.identifierSpaces": "包含换行或制表符，编号中不能有这些字符",
  "import.reason.tooLong": "超过 {max} 个字符",
  "import.reason.tooManyItems": "超过 {max} 项",
  "import.reason.itemTooLong": "中有超过 {max} 个字符的项",
  "import.reason.mobileInvalid": "不是有效的手机号码",
  "import.reason.notMobile": "是固定电话或服务号码，不是手机号码",
  "import.reason.phoneInvalid": "不是有效的电话号码",
  "import.reason.phoneNeedsAreaCode": "不是有效的电话号码：固定电话需带区号，如 020-12345678",
  "import.reason.emailInvalid": "不是有效的邮箱地址",
  "import.reason.dateInvalid": "不是可识别的日期（如 2024-01-02、2024/1/2 13:05、2024年1月2日）",
  "import.reason.dateImpossible": "不是真实存在的日期：{year}年{month}月只有 {days} 天",
  "import.reason.dateOutOfRange": "超出 {min}–{max} 年的范围",
  "import.reason.dateYearOnly": "只有年份，需要完整日期",
  "import.reason.timeInvalid": "中的时间不存在",
  "import.reason.excelLeapBug": "是 Excel 的第 60 天，即并不存在的 1900年2月29日",
  "import.reason.timeZoneInvalid": "无法读取：未知时区 {zone}",
  "import.reason.amountInvalid": "不是可识别的金额（如 1234.50、¥1,234.50）",
  "import.reason.amountTooLarge": "金额过大",
  "import.reason.negative": "不能为负数",
  "import.reason.integerInvalid": "不是整数",
  "import.reason.notWholeNumber": "带有小数，需要整数",
  "import.reason.integerTooLarge": "数值过大",
  "import.reason.belowMin": "不能小于 {min}",
  "import.reason.enumInvalid": "不是可选值之一：{allowedZh}",
  "import.reason.customerRefMissing": "无法确定客户：{fieldsZh} 至少填写一项",
  "import.reason.priceMissing": "单价和小计至少填写一项",
  "import.reason.tooManyCells": "有 {cells} 列，但表头只有 {columns} 列：可能有单元格中的逗号没有加引号",
  "import.reason.unclosedQuote": "有未闭合的引号，文件其余部分无法读取",
  "import.reason.malformedQuotes": "有引号格式错误的单元格（右引号后还有文字）",
  "import.reason.rowTooLong": "该行超过 {max} 个字符",
  "import.reason.duplicate": "{keyZh}与第 {of} 行重复，作为重复行跳过",

  "import.warning.phoneMultiple": "包含 {count} 个号码，保留了 {kept}",
  "import.warning.emailMultiple": "包含 {count} 个地址，保留了 {kept}",
  "import.warning.dateAmbiguous": "日/月顺序不明确，按 {read} 读取（可在该列设置日期顺序）",
  "import.warning.amountRounded": "超过两位小数，已四舍五入为 {value}",
  "import.warning.genderUnknown": "无法识别为性别，已留空",
  "import.warning.provinceUnknown": "不是可识别的省份，按原样保留",
  "import.warning.cityProvinceMismatch": "不是{province}的城市",
  "import.warning.tooFewCells": "只有 {cells} 列，表头有 {columns} 列；缺少的列按空值处理",
  "import.warning.timeOrder": "早于{otherZh}",

  "import.file.empty": "文件是空的。",
  "import.file.headerOnly": "文件只有表头，没有数据行。",
  "import.file.binary": "这不是文本（CSV）文件。请在 Excel 中另存为“CSV UTF-8”，或直接上传 .xlsx 工作簿。",
  "import.file.xls": "无法读取旧版 Excel 工作簿（.xls）。请另存为 .xlsx 或 CSV 后重新上传。",
  "import.file.xlsxUnreadable": "无法读取该 Excel 工作簿：文件可能已损坏或设置了密码。",
  "import.file.xlsxNoSheet": "该 Excel 工作簿中没有含数据的工作表。",
  "import.file.encodingMismatch": "文件从第 {offset} 字节起不再是有效的 {encoding} 编码。请重新另存为“CSV UTF-8”后上传。",
  "import.file.encodingGuess": "无法确定文件编码，已按 GB18030（中文版 Excel）读取。请检查预览。",
  "import.file.tooLarge": "文件超过了 {limit} 的大小限制。",
  "import.file.lineTooLong": "第 {line} 行超过 {max} 个字符：这可能不是 CSV 文件，或有引号未闭合。",
  "import.file.duplicateHeader": "表头“{name}”出现了多次，后面的列称为“{renamed}”。",
  "import.file.emptyHeader": "第 {column} 列没有表头，称为“{name}”。",
  "import.file.headerLooksLikeData": "第一行看起来是数据而不是列名，请添加表头行。",
  "import.file.titleRowsSkipped": "前 {count} 行看起来是标题，已跳过；表头在第 {row} 行。",

  "import.mapping.unknownField": "未知字段“{field}”。",
  "import.mapping.unknownColumn": "文件中没有“{column}”列。",
  "import.mapping.columnTwice": "“{column}”列对应了多个字段。",
  "import.mapping.requiredUnmapped": "必填字段“{labelZh}”没有对应的列。",
  "import.mapping.groupUnmapped": "以下字段至少要对应一列：{fieldsZh}。",
};

export type ImportLocale = "en" | "zh-CN";

export function formatMessage(locale: ImportLocale, message: Msg): string {
  const dict: Record<string, string> = locale === "en" ? en : zh;
  const text = dict[message.key] ?? message.key;
  const params = message.params;
  return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
}

/** A row problem as one report line: `row 17: 手机 '12345' is not a valid mobile number`. */
export function formatRowIssue(
  locale: ImportLocale,
  issue: { row: number; column: string | null; value: string; reason: Msg },
): string {
  const reason = formatMessage(locale, issue.reason);
  if (issue.column === null) return formatMessage(locale, { key: "import.row.rowIssue", params: { row: issue.row, reason } });
  if (issue.value === "") return formatMessage(locale, { key: "import.row.issueEmpty", params: { row: issue.row, column: issue.column, reason } });
  const value = issue.value.length > 60 ? `${issue.value.slice(0, 57)}…` : issue.value;
  return formatMessage(locale, { key: "import.row.issue", params: { row: issue.row, column: issue.column, value, reason } });
}
