// A CSV file as an async stream of rows: bytes → createDecodeStream → papaparse's
// streaming parser (step mode, paused when the consumer falls behind), so memory
// holds a chunk and a few hundred rows, whatever the file's size. Row numbers are
// spreadsheet row numbers (the header is row 1 when it is the first line), the ones
// a person sees when opening the file in Excel; a quoted cell spanning lines is one row.
import type { Readable } from "node:stream";
import Papa from "papaparse";
import { createDecodeStream, type DecodeOptions } from "@/lib/import/sniff/decode-stream";
import type { Delimiter } from "@/lib/import/sniff/delimiter";
import { msg, type Msg } from "@/lib/import/types";

export type RawRow = {
  row: number;
  cells: string[];
  /** A parse problem of this row; `fatal` when the rest of the file cannot be trusted (an unclosed quote). */
  issue?: Msg & { fatal?: boolean };
};

export type CsvReadOptions = DecodeOptions & {
  delimiter: Delimiter;
  /** The file began with Excel's "sep=X" line: skip it (it still counts as row 1). */
  sepLine?: boolean;
  /** A row whose cells add up to more characters than this is refused (the row, not the file). */
  maxRowChars?: number;
  /** Rows kept ahead of the consumer before the parser pauses. */
  highWaterMark?: number;
};

/** All rows of the file, the header row included, blank rows left out (their numbers still count). */
export async function* readCsvRows(input: Readable, options: CsvReadOptions): AsyncGenerator<RawRow> {
  const decoded = input.pipe(createDecodeStream(options));
  input.on("error", (e) => decoded.destroy(e));
  const high = options.highWaterMark ?? 2048;
  const maxRowChars = options.maxRowChars ?? 1_000_000;
  // A FIFO with a moving head: Array#shift is O(n) and a long queue made it quadratic.
  let queue: RawRow[] = [];
  let head = 0;
  const pending = () => queue.length - head;
  let done = false;
  let failure: unknown = null;
  // Held in an object: TypeScript cannot see the callbacks assign it.
  const ctl: { paused: Papa.Parser | null } = { paused: null };
  let wake: (() => void) | null = null;
  let record = options.sepLine ? 1 : 0;
  let skipSep = options.sepLine ?? false;

  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  decoded.on("error", (e) => {
    failure = e;
    notify();
  });

  Papa.parse<string[]>(decoded, {
    delimiter: options.delimiter,
    skipEmptyLines: false,
    step(results, parser) {
      if (skipSep) {
        skipSep = false;
        return;
      }
      record++;
      const cells = results.data;
      const row: RawRow = { row: record, cells };
      const err = results.errors[0];
      if (err?.code === "MissingQuotes") row.issue = { ...msg("import.reason.unclosedQuote"), fatal: true };
      else if (err?.code === "InvalidQuotes") row.issue = msg("import.reason.malformedQuotes");
      else {
        let chars = 0;
        for (const c of cells) chars += c.length;
        if (chars > maxRowChars) {
          row.cells = [];
          row.issue = msg("import.reason.rowTooLong", { max: maxRowChars });
        }
      }
      // A blank line (one empty cell) is not a row to import, but it keeps its number.
      if (cells.length === 1 && cells[0].trim() === "" && !row.issue) return;
      queue.push(row);
      if (pending() >= high && !ctl.paused) {
        ctl.paused = parser;
        parser.pause();
        // The step parser's pause stops parsing, not reading: without this the rest of the file kept
        // arriving as 'data' and piled up, whole, in papaparse's input queue.
        decoded.pause();
      }
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(e: Error) {
      failure = e;
      notify();
    },
  });

  try {
    while (true) {
      if (pending() > 0) {
        const next = queue[head++];
        if (head >= 1024 && head * 2 >= queue.length) {
          queue = queue.slice(head);
          head = 0;
        }
        if (ctl.paused && pending() < high / 4) {
          const p = ctl.paused;
          ctl.paused = null;
          // Input first: resuming the parser may fill the queue and pause both again at once.
          decoded.resume();
          p.resume();
        }
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      if (ctl.paused) {
        const p = ctl.paused;
        ctl.paused = null;
        decoded.resume();
        p.resume();
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    if (!done) {
      ctl.paused?.abort();
      decoded.destroy();
      input.destroy();
    }
  }
}

/** Cells to a column → text record by the headers (missing cells are ""). */
export function cellsToRecord(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) record[headers[i]] = cells[i] ?? "";
  return record;
}

/** The rows after the header row (the preview's headerRow: title rows and the header itself are skipped). */
export async function* dataRows(rows: AsyncIterable<RawRow>, headerRow: number): AsyncGenerator<RawRow> {
  for await (const r of rows) if (r.row > headerRow || r.issue?.fatal) yield r;
}
