// Which character separates the cells: comma, semicolon (Excel in locales with a
// decimal comma), tab ("Unicode text" exports) or pipe. Each candidate is tried with
// a quote-aware tokenizer over the first records, so a comma inside "a, b" does not
// count; the winner splits the most records into the same number (> 1) of cells.
// Excel's "sep=;" first line is honoured.

export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export type DelimiterGuess = {
  delimiter: Delimiter;
  /** Share of the sampled records having the usual number of cells (1 = all). */
  consistency: number;
  /** Cells per record with this delimiter (the most common count). */
  columns: number;
  /** The text began with Excel's "sep=X" line, which is not part of the data. */
  sepLine: boolean;
};

/** Cells per record for the first `maxRecords` records, RFC 4180 quoting (quotes open only at a cell's start). */
export function countCells(text: string, delimiter: string, maxRecords = 50, complete = false): number[] {
  const counts: number[] = [];
  let cells = 1;
  let inQuotes = false;
  let cellStart = true;
  let recordHasContent = false;
  let i = 0;
  const n = text.length;
  while (i < n && counts.length < maxRecords) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      i++;
      continue;
    }
    if (ch === '"' && cellStart) {
      inQuotes = true;
      cellStart = false;
      recordHasContent = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells++;
      cellStart = true;
      recordHasContent = true;
      i++;
      continue;
    }
    if (ch === "\n" || ch === "\r") {
      if (recordHasContent || cells > 1) counts.push(cells);
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells = 1;
      cellStart = true;
      recordHasContent = false;
      i++;
      continue;
    }
    cellStart = false;
    if (ch !== " ") recordHasContent = true;
    i++;
  }
  // The last record counts only when the text is the whole file (otherwise it may be cut short).
  if (complete && !inQuotes && (recordHasContent || cells > 1) && counts.length < maxRecords) counts.push(cells);
  return counts;
}

function mode(values: number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = 0;
  let count = 0;
  for (const [v, c] of freq) if (c > count || (c === count && v > best)) [best, count] = [v, c];
  return { value: best, share: values.length ? count / values.length : 0 };
}

/**
 * The delimiter of a CSV text (the decoded head of the file). `complete`: the text is the whole file,
 * so its last line is a full record.
 */
export function detectDelimiter(text: string, options: { complete?: boolean; maxRecords?: number } = {}): DelimiterGuess {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    const d = sep[1] as Delimiter;
    const delimiter = (DELIMITERS as readonly string[]).includes(d) ? d : ",";
    const rest = text.slice(sep[0].length);
    const counts = countCells(rest, delimiter, options.maxRecords ?? 50, options.complete);
    const m = mode(counts);
    return { delimiter, consistency: m.share, columns: m.value, sepLine: true };
  }
  let best: DelimiterGuess = { delimiter: ",", consistency: 0, columns: 1, sepLine: false };
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    let counts = countCells(text, delimiter, options.maxRecords ?? 50, options.complete);
    // A text with one unfinished line (a huge first record) still has a header to judge by.
    if (counts.length === 0) counts = countCells(text, delimiter, 1, true);
    const m = mode(counts);
    if (m.value <= 1) continue;
    // Consistency first; among equally consistent candidates, more columns; then the order above.
    const score = m.share * 1000 + Math.min(m.value, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = { delimiter, consistency: m.share, columns: m.value, sepLine: false };
    }
  }
  return best;
}
