import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readCsvRows, dataRows, type RawRow } from "@/lib/import/read/csv";
import { previewXlsx, readXlsxRows } from "@/lib/import/read/xlsx";
import { createDecodeStream } from "@/lib/import/sniff/decode-stream";
import { countCells, detectDelimiter } from "@/lib/import/sniff/delimiter";
import { detectEncoding, isValidGb18030, isValidUtf8, sniffFileKind } from "@/lib/import/sniff/encoding";
import { previewCsv } from "@/lib/import/sniff/preview";
import { ImportFileError } from "@/lib/import/types";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const bytes = (name: string) => new Uint8Array(readFileSync(fixture(name)));

async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** A readable that hands out the buffer in chunks of `size` bytes (splitting characters on purpose). */
function chunked(buf: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

async function decodeAll(input: Readable, options: Parameters<typeof createDecodeStream>[0] = {}): Promise<string> {
  let text = "";
  for await (const chunk of input.pipe(createDecodeStream(options))) text += chunk as string;
  return text;
}

describe("encoding detection", () => {
  it("reads the byte-order marks", () => {
    expect(detectEncoding(Buffer.from("\uFEFF姓名", "utf8"))).toEqual({ encoding: "utf-8", bomLength: 3, evidence: "bom" });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x2d, 0x59]))).toMatchObject({ encoding: "utf-16le", bomLength: 2 });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x59, 0x2d]))).toMatchObject({ encoding: "utf-16be", bomLength: 2 });
  });

  it("tells GBK-saved Chinese from UTF-8 by strict UTF-8 validation", () => {
    const text = "姓名,手机号,省份,城市\r\n张三,13800138000,广东省,深圳市\r\n联通,10010,北京市,北京市\r\n";
    const gbk = iconv.encode(text, "gbk");
    expect(isValidUtf8(gbk)).toBe(false);
    expect(isValidGb18030(gbk)).toBe(true);
    expect(detectEncoding(gbk)).toEqual({ encoding: "gb18030", bomLength: 0, evidence: "gb18030" });
    expect(detectEncoding(Buffer.from(text, "utf8"))).toEqual({ encoding: "utf-8", bomLength: 0, evidence: "utf-8" });
    expect(detectEncoding(Buffer.from("name,phone\n", "utf8")).evidence).toBe("ascii");
    // The famous 联通 case: GBK bytes C1 AA CD A8 are not UTF-8 (C1 is an overlong lead byte).
    expect(isValidUtf8(iconv.encode("联通", "gbk"))).toBe(false);
  });

  it("validates UTF-8 strictly but accepts a character cut by the end of the sample", () => {
    const full = Buffer.from("深圳", "utf8");
    expect(isValidUtf8(full.subarray(0, 4))).toBe(true);
    expect(isValidUtf8(full.subarray(0, 4), false)).toBe(false);
    expect(isValidUtf8(Buffer.from([0xc0, 0x80]))).toBe(false); // overlong NUL
    expect(isValidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
    expect(isValidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(false); // past U+10FFFF
  });

  it("recognises workbooks, binaries and empty files", () => {
    expect(sniffFileKind(bytes("customers.xlsx"))).toBe("xlsx");
    expect(sniffFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("xls");
    expect(sniffFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe("binary");
    expect(sniffFileKind(new Uint8Array())).toBe("empty");
    expect(sniffFileKind(iconv.encode("姓名,手机\r\n张三,138\r\n", "utf-16le"))).toBe("text");
  });
});

describe("delimiter detection", () => {
  it("ignores delimiters inside quoted cells", () => {
    const text = 'name;address;note\n"Zhang, San";"Shenzhen, Nanshan; Keyuan Rd";"a ""quoted"", b"\nLi;Beijing;x\n';
    expect(detectDelimiter(text, { complete: true })).toMatchObject({ delimiter: ";", columns: 3, consistency: 1 });
    expect(countCells(text, ";", 50, true)).toEqual([3, 3, 3]);
    const commas = 'name,address\n"Li; Si","Beijing; Chaoyang"\nWang,"Shanghai; Pudong"\n';
    expect(detectDelimiter(commas, { complete: true }).delimiter).toBe(",");
  });

  it("finds tab and pipe, follows Excel's sep= line, and counts a quoted line break as one record", () => {
    expect(detectDelimiter("a\tb\tc\n1\t2\t3\n").delimiter).toBe("\t");
    expect(detectDelimiter("a|b\n1|2\n").delimiter).toBe("|");
    expect(detectDelimiter("sep=;\na;b\n1;2\n")).toMatchObject({ delimiter: ";", sepLine: true });
    expect(countCells('a,b\n"line\nbreak",2\n', ",", 50, true)).toEqual([2, 2]);
  });
});

describe("preview of the fixture files", () => {
  it("UTF-8 with BOM, CRLF (Excel's “CSV UTF-8”)", () => {
    const p = previewCsv(bytes("customers-utf8-bom.csv"), { complete: true });
    expect(p.encoding).toMatchObject({ encoding: "utf-8", bomLength: 3 });
    expect(p.delimiter).toBe(",");
    expect(p.headers[0]).toBe("客户编号"); // no BOM glued to the first header
    expect(p.headers).toHaveLength(9);
    expect(p.rows[0]).toEqual({ row: 2, cells: ["C001", "张三", "男", "+86 138 0013 8000", "ZhangSan@Example.COM", "广东", "深圳", "1990/5/1", "2024-01-02 13:05"] });
    expect(p.rows[3].cells[1]).toBe("赵, 六");
    expect(p.problems).toEqual([]);
  });

  it("GBK bytes written with iconv-lite (Chinese Excel's “CSV”)", () => {
    const p = previewCsv(bytes("customers-gbk.csv"), { complete: true });
    expect(p.encoding).toMatchObject({ encoding: "gb18030", evidence: "gb18030" });
    expect(p.headers).toEqual(["姓名", "手机", "省份", "城市", "地址"]);
    expect(p.rows[0].cells[4]).toBe("广东省深圳市南山区科技园科苑路15号");
  });

  it("semicolons and tabs, with the delimiter and quotes inside cells", () => {
    const semi = previewCsv(bytes("orders-semicolon.csv"), { complete: true });
    expect(semi.delimiter).toBe(";");
    expect(semi.rows[0].cells[4]).toBe("送货前电话; 谢谢");
    expect(semi.rows[1].cells[4]).toBe('他说 "放门口"');
    const tab = previewCsv(bytes("products-tab.csv"), { complete: true });
    expect(tab.delimiter).toBe("\t");
    expect(tab.rows[2].cells[1]).toBe("Galaxy\tS24");
  });

  it("an Excel export with a title row, CRLF and a line break inside a cell", () => {
    const p = previewCsv(bytes("order-lines-excel.csv"), { complete: true });
    expect(p.headerRow).toBe(2);
    expect(p.warnings).toContainEqual({ key: "import.file.titleRowsSkipped", params: { count: 1, row: 2 } });
    expect(p.headers).toHaveLength(10); // the trailing empty columns are not columns
    expect(p.rows[0].row).toBe(3);
    expect(p.rows[0].cells[5]).toBe("广东省深圳市南山区科技园\n科苑路15号");
  });

  it("only reads whole lines of a head that was cut mid-file, even mid-character", () => {
    const full = Buffer.from("\uFEFF姓名,城市\r\n张三,深圳市\r\n李四,广州市\r\n", "utf8");
    const p = previewCsv(full.subarray(0, full.length - 4));
    expect(p.rows.map((r) => r.cells)).toEqual([["张三", "深圳市"]]);
  });

  it("names empty headers, renames repeated ones and flags data in the header row", () => {
    const p = previewCsv(Buffer.from("姓名,手机,,手机\n张三,138,x,139\n"), { complete: true });
    expect(p.headers).toEqual(["姓名", "手机", "Column C", "手机 (2)"]);
    expect(p.warnings.map((w) => w.key)).toEqual(["import.file.emptyHeader", "import.file.duplicateHeader"]);
    const noHeader = previewCsv(Buffer.from("13800138000,2024-01-02\n13900139000,2024-01-03\n"), { complete: true });
    expect(noHeader.warnings.map((w) => w.key)).toContain("import.file.headerLooksLikeData");
  });

  it("gives a clear problem for empty, header-only, binary and old-Excel files", () => {
    expect(previewCsv(new Uint8Array()).problems).toEqual([{ key: "import.file.empty" }]);
    expect(previewCsv(Buffer.from("\uFEFF\r\n\r\n")).problems).toEqual([{ key: "import.file.empty" }]);
    expect(previewCsv(Buffer.from("姓名,手机\r\n"), { complete: true }).problems).toEqual([{ key: "import.file.headerOnly" }]);
    expect(previewCsv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])).problems).toEqual([{ key: "import.file.binary" }]);
    expect(previewCsv(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])).problems).toEqual([{ key: "import.file.xls" }]);
    expect(previewCsv(bytes("customers.xlsx")).kind).toBe("xlsx");
  });
});

describe("streaming decoder", () => {
  it("decodes GBK split at every byte boundary, and UTF-8 split inside characters, without a BOM", async () => {
    const text = "姓名,地址\r\n张三,广东省深圳市南山区\r\n";
    expect(await decodeAll(chunked(iconv.encode(text, "gbk"), 1))).toBe(text);
    expect(await decodeAll(chunked(Buffer.from("\uFEFF" + text, "utf8"), 1))).toBe(text);
    expect(await decodeAll(chunked(iconv.encode("\uFEFF" + text, "utf-16le"), 3))).toBe(text);
  });

  it("sniffs from a head it buffers, reports the encoding, then streams", async () => {
    const seen: string[] = [];
    const text = await decodeAll(chunked(iconv.encode("城市\n".repeat(50_000), "gbk"), 4096), { onEncoding: (e) => seen.push(e) });
    expect(seen).toEqual(["gb18030"]);
    expect(text.length).toBe(150_000);
  });

  it("fails clearly when a UTF-8 file turns into something else after the head", async () => {
    const head = Buffer.from("姓名\n" + "张三\n".repeat(30_000), "utf8");
    const tail = iconv.encode("李四\n", "gbk");
    const error = await decodeAll(chunked(Buffer.concat([head, tail]), 8192)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).detail).toMatchObject({ key: "import.file.encodingMismatch", params: { encoding: "UTF-8" } });
  });

  it("stops at the size limit and at an absurdly long line", async () => {
    const big = await decodeAll(chunked(Buffer.alloc(10_000, 0x61), 1000), { maxBytes: 5000 }).catch((e: unknown) => e);
    expect((big as ImportFileError).detail.key).toBe("import.file.tooLarge");
    const long = await decodeAll(chunked(Buffer.from("a,b\n" + "x".repeat(5000) + "\n"), 700), { maxLineChars: 1000 }).catch((e: unknown) => e);
    expect((long as ImportFileError).detail).toEqual({ key: "import.file.lineTooLong", params: { line: 2, max: 1000 } });
  });
});

describe("streaming CSV rows", () => {
  it("reads a fixture through decoder and papaparse with spreadsheet row numbers", async () => {
    const rows = await collect(readCsvRows(createReadStream(fixture("customers-gbk.csv")), { delimiter: ",", encoding: "auto" }));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0].cells).toEqual(["姓名", "手机", "省份", "城市", "地址"]);
    expect(rows[2].cells[4]).toBe("北京市朝阳区建国路88号");
  });

  it("counts a quoted multi-line cell as one row and skips the title row with dataRows", async () => {
    const all = readCsvRows(createReadStream(fixture("order-lines-excel.csv")), { delimiter: ",", encoding: "auto" });
    const rows = await collect(dataRows(all, 2));
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(rows[0].cells[5]).toContain("\n");
  });

  it("keeps blank lines' numbers, skips the sep= line, and flags an unclosed quote as fatal", async () => {
    const input = Readable.from([Buffer.from('sep=,\na,b\n\n1,2\n"3,4\n5,6\n')]);
    const rows = await collect(readCsvRows(input, { delimiter: ",", sepLine: true }));
    expect(rows.map((r) => [r.row, r.cells.length, r.issue?.key ?? null])).toEqual([
      [2, 2, null], [4, 2, null], [5, 1, "import.reason.unclosedQuote"],
    ]);
    expect(rows[2].issue?.fatal).toBe(true);
  });

  it("streams many rows with backpressure, in order, without losing any", async () => {
    const lines = ["id,name"];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i},name ${i}`);
    const input = chunked(Buffer.from(lines.join("\r\n") + "\r\n"), 1024);
    let count = 0;
    let last = 0;
    let outOfOrder = 0;
    for await (const r of readCsvRows(input, { delimiter: ",", highWaterMark: 64 })) {
      if (r.row > 1) {
        if (Number(r.cells[0]) !== last + 1 || r.row !== last + 2) outOfOrder++;
        last = Number(r.cells[0]);
      }
      count++;
      if (count % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect({ count, last, outOfOrder }).toEqual({ count: 20_001, last: 20_000, outOfOrder: 0 });
  });

  it("can be abandoned midway without hanging", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},x`).join("\n");
    let seen = 0;
    for await (const _r of readCsvRows(Readable.from([Buffer.from(lines)]), { delimiter: ",", highWaterMark: 16 })) {
      void _r;
      if (++seen === 10) break;
    }
    expect(seen).toBe(10);
  });
});

describe("xlsx rows (exceljs streaming reader)", () => {
  it("reads cells as the text a person sees: dates as wall-clock text, formulas as their result, rich text as text", async () => {
    const rows = await collect(readXlsxRows(createReadStream(fixture("customers.xlsx"))));
    expect(rows[0]).toEqual({ row: 1, cells: ["姓名", "手机", "生日", "注册时间", "积分", "备注"] });
    expect(rows[1]).toEqual({ row: 2, cells: ["张三", "13800138000", "1990-05-01", "2024-01-02 13:05:00", "1200", "老客户"] });
    expect(rows[2].cells.slice(0, 5)).toEqual(["李四", "13900139000", "1988-03-15", "45658.5", "1200"]);
  });

  it("previews a workbook like a CSV", async () => {
    const p = await previewXlsx(createReadStream(fixture("customers.xlsx")), { previewRows: 1 });
    expect(p).toMatchObject({ kind: "xlsx", headerRow: 1, headers: ["姓名", "手机", "生日", "注册时间", "积分", "备注"], problems: [] });
    expect(p.rows).toEqual([{ row: 2, cells: ["张三", "13800138000", "1990-05-01", "2024-01-02 13:05:00", "1200", "老客户"] }]);
  });

  it("says clearly when the workbook cannot be read", async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const error = await collect(readXlsxRows(Readable.from([broken]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(["import.file.xlsxUnreadable", "import.file.xlsxNoSheet"]).toContain((error as ImportFileError).detail.key);
    const p = await previewXlsx(Readable.from([broken]));
    expect(p.problems).toHaveLength(1);
  });
});
