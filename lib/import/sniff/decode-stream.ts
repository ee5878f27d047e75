// Bytes in, UTF-8 text out, a chunk at a time: the piece in front of papaparse's
// stream parser so a 1 GB file is never in memory whole. Multi-byte characters split
// across chunks are carried over (TextDecoder / iconv-lite streaming decoders). The
// BOM is dropped. UTF-8 is decoded strictly: a file that stops being UTF-8 after the
// sniffed head fails with a clear error instead of filling the database with U+FFFD.
import { Transform, type TransformCallback } from "node:stream";
import iconv from "iconv-lite";
import { detectEncoding, type TextEncoding } from "@/lib/import/sniff/encoding";
import { ImportFileError } from "@/lib/import/types";

export type DecodeOptions = {
  /** "auto": sniff from the first `sniffBytes` bytes. */
  encoding?: TextEncoding | "auto";
  sniffBytes?: number;
  /** Refuse files larger than this many bytes (import.file.tooLarge). */
  maxBytes?: number;
  /** Refuse a physical line longer than this many characters (import.file.lineTooLong): a binary or broken file. */
  maxLineChars?: number;
  /** Called once the encoding is known (after sniffing, for "auto"). */
  onEncoding?: (encoding: TextEncoding) => void;
};

const PIECE_CHARS = 65_536;

type Decoder = { write(bytes: Buffer): string; end(): string };

function makeDecoder(encoding: TextEncoding): Decoder {
  if (encoding === "utf-8") {
    const d = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (b) => d.write(b), end: () => d.end() ?? "" };
}

function formatBytes(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(0)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A Transform from file bytes to strings of text (readable side in object mode: one string per chunk). */
export function createDecodeStream(options: DecodeOptions = {}): Transform {
  const sniffBytes = options.sniffBytes ?? 65_536;
  let encoding: TextEncoding | null = options.encoding && options.encoding !== "auto" ? options.encoding : null;
  let decoder: Decoder | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytesIn = 0;
  let bytesDecoded = 0;
  let first = true;
  let lineChars = 0;
  let line = 1;

  const push = (stream: Transform, text: string) => {
    if (!text) return;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (!text) return;
    }
    if (options.maxLineChars) {
      let last = -1;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
        if (lineChars + (i - last - 1) > options.maxLineChars) throw new ImportFileError("import.file.lineTooLong", { line, max: options.maxLineChars });
        lineChars = 0;
        last = i;
        line++;
      }
      lineChars += text.length - last - 1;
      if (lineChars > options.maxLineChars) throw new ImportFileError("import.file.lineTooLong", { line, max: options.maxLineChars });
    }
    // Papaparse re-slices its input on every pause: hand it modest pieces, not a whole buffer's worth.
    for (let at = 0; at < text.length; at += PIECE_CHARS) stream.push(text.length <= PIECE_CHARS ? text : text.slice(at, at + PIECE_CHARS));
  };

  const decode = (stream: Transform, bytes: Buffer) => {
    try {
      push(stream, decoder!.write(bytes));
      bytesDecoded += bytes.length;
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw new ImportFileError("import.file.encodingMismatch", { encoding: encoding!.toUpperCase(), offset: bytesDecoded });
    }
  };

  const start = (stream: Transform, head: Buffer) => {
    if (!encoding) {
      const guess = detectEncoding(head);
      encoding = guess.encoding;
    }
    options.onEncoding?.(encoding);
    decoder = makeDecoder(encoding);
    decode(stream, head);
  };

  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback) {
      try {
        bytesIn += chunk.length;
        if (options.maxBytes !== undefined && bytesIn > options.maxBytes) {
          throw new ImportFileError("import.file.tooLarge", { limit: formatBytes(options.maxBytes) });
        }
        if (decoder) decode(this, chunk);
        else {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (encoding || pendingBytes >= sniffBytes) {
            const head = Buffer.concat(pending);
            pending = [];
            start(this, head);
          }
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!decoder) start(this, Buffer.concat(pending));
        try {
          push(this, decoder!.end());
        } catch (error) {
          if (error instanceof ImportFileError) throw error;
          throw new ImportFileError("import.file.encodingMismatch", { encoding: encoding!.toUpperCase(), offset: bytesDecoded });
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** Decodes a whole (small) buffer: the sniffing head, a test fixture. Invalid bytes become U+FFFD here. */
export function decodeBuffer(bytes: Uint8Array, encoding: TextEncoding): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = encoding === "utf-8" ? new TextDecoder("utf-8").decode(buf) : iconv.decode(buf, encoding, { stripBOM: false });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
