// A query's numeric columns read through COPY … TO STDOUT into Float64Arrays: the
// models' input is hundreds of thousands of rows of a few numbers, and parsing them
// from COPY's text is several times cheaper than the driver's per-value row parsing
// behind a cursor (1M customers: the read went from 2.75 s to 1.55 s).
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

/** Grows by doubling; `done()` returns the filled part. */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * The `columns` numeric columns of `sql`'s rows, in row order. A NULL is an error:
 * callers read columns that cannot be null by construction.
 */
export async function copyNumbers(client: pg.PoolClient, sql: string, columns: number): Promise<Float64Array[]> {
  const cols = Array.from({ length: columns }, () => new Column());
  let rest = "";
  const line = (text: string) => {
    const cells = text.split("\t");
    if (cells.length !== columns) throw new Error(`copyNumbers: expected ${columns} columns, got ${cells.length}`);
    for (let i = 0; i < columns; i++) {
      const v = Number(cells[i]);
      if (cells[i] === "\\N" || Number.isNaN(v)) throw new Error(`copyNumbers: column ${i + 1} is not a number (${cells[i]})`);
      cols[i]!.push(v);
    }
  };
  for await (const chunk of client.query(copyTo(`COPY (${sql}) TO STDOUT`))) {
    // Digits, signs, dots, exponents, tabs and newlines only: latin1 decodes them as they are.
    const text = rest + (chunk as Buffer).toString("latin1");
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      line(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) line(rest);
  return cols.map((c) => c.done());
}
