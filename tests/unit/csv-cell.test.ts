import { describe, expect, it } from "vitest";
import { csvCell, csvLine, UTF8_BOM } from "@/lib/csv/cell";

describe("CSV cells", () => {
  it("neutralizes formula injection in text cells", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]) {
      const out = csvCell(evil);
      expect(out.replace(/^"/, "")).toMatch(/^'/);
    }
  });

  it("keeps numbers, including negative ones, as numbers", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(0)).toBe("0");
  });

  it("quotes commas, quotes and newlines (RFC 4180) and leaves plain text alone", () => {
    expect(csvCell("张三")).toBe("张三");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
  });

  it("writes empty cells for null and undefined, ISO for dates, CRLF lines", () => {
    expect(csvLine([null, undefined, new Date("2026-01-02T03:04:05Z"), "x"])).toBe(",,2026-01-02T03:04:05.000Z,x\r\n");
  });

  it("the BOM is the UTF-8 byte order mark Excel looks for", () => {
    expect(Buffer.from(UTF8_BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
