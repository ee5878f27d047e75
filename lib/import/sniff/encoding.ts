// What a file is and how its text is encoded, from its first bytes.
//
// Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE); zip or OLE magic
// (an .xlsx or an old .xls); NUL bytes (UTF-16 without a BOM, or binary); then
// strict UTF-8 validation — no overlongs, no surrogates, nothing past U+10FFFF.
// Text saved by Chinese Excel as GBK is practically never valid UTF-8 (a GBK
// Chinese character is two bytes from 0x81–0xFE; UTF-8 needs a 0xC2–0xF4 lead
// followed by the exact number of 0x80–0xBF continuation bytes, and GBK's second
// bytes are mostly 0x40–0x7E or above 0xBF), so a sample that validates is UTF-8
// and one that does not is read as GB18030, the superset of GBK and GB2312.

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
export type FileKind = "text" | "xlsx" | "xls" | "binary" | "empty";

export type EncodingGuess = {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** How we know: a BOM, valid UTF-8 (or plain ASCII), or valid GB18030 by elimination; "guess" when nothing fit. */
  evidence: "bom" | "ascii" | "utf-8" | "utf-16-nul" | "gb18030" | "guess";
};

/**
 * Strict UTF-8 validation (RFC 3629). `allowTruncatedEnd`: a sequence cut off by the end of the sample
 * is fine (the sample is the head of a longer file).
 */
export function isValidUtf8(bytes: Uint8Array, allowTruncatedEnd = true): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlongs
      if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return false;
    if (i + need >= n) {
      // Not all continuation bytes are in the sample.
      if (!allowTruncatedEnd) return false;
      for (let k = i + 1; k < n; k++) {
        const c = bytes[k];
        if (k === i + 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return false;
      }
      return true;
    }
    const c1 = bytes[i + 1];
    if (c1 < lo || c1 > hi) return false;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Structural GB18030 check: 1 byte < 0x80; 2 bytes 81–FE + 40–7E/80–FE; 4 bytes 81–FE 30–39 81–FE 30–39. */
export function isValidGb18030(bytes: Uint8Array, allowTruncatedEnd = true): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return false;
    if (i + 1 >= n) return allowTruncatedEnd;
    const b2 = bytes[i + 1];
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= n) return allowTruncatedEnd;
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return false;
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((m, i) => bytes[i] === m);
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte. Returns the byte order, or null. */
function utf16ByNuls(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return null;
}

/** What kind of file this is, from its head. */
export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return "empty";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  if (startsWith(head, [0xef, 0xbb, 0xbf]) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return "text";
  if (utf16ByNuls(head)) return "text";
  const n = Math.min(head.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return "binary";
    // Control characters other than tab, LF, CR, FF and ESC do not occur in CSV text.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > n * 0.01 ? "binary" : "text";
}

/** The encoding of a text file from its head (the first 64 KB are plenty). */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", bomLength: 3, evidence: "bom" };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", bomLength: 2, evidence: "bom" };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", bomLength: 2, evidence: "bom" };
  const utf16 = utf16ByNuls(head);
  if (utf16) return { encoding: utf16, bomLength: 0, evidence: "utf-16-nul" };
  let ascii = true;
  for (let i = 0; i < head.length; i++) {
    if (head[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { encoding: "utf-8", bomLength: 0, evidence: "ascii" };
  if (isValidUtf8(head)) return { encoding: "utf-8", bomLength: 0, evidence: "utf-8" };
  if (isValidGb18030(head)) return { encoding: "gb18030", bomLength: 0, evidence: "gb18030" };
  return { encoding: "gb18030", bomLength: 0, evidence: "guess" };
}
