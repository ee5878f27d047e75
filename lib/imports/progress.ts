// The progress bar's numbers, from the import's own row (so a reload, or another web
// instance, shows the same bar): how far, how fast, how long still.
export type ProgressRow = {
  id: string; status: string; phase: string | null; mode: string | null; processedRows: number; totalRows: number;
  fileBytes: bigint | number; bytesDone: bigint | number; phaseStartedAt: Date | null; progressAt: Date | null; cancelRequested: boolean;
};

export type ImportProgress = {
  id: string;
  status: string;
  phase: string | null;
  mode: string | null;
  /** 0–100. */
  percent: number;
  rowsDone: number;
  rowsTotal: number | null;
  /** Rows per second while reading the file. */
  rate: number | null;
  /** Seconds until the file is read, while reading it. */
  secondsLeft: number | null;
  cancelRequested: boolean;
  active: boolean;
};

const ACTIVE = new Set(["validating", "queued", "running"]);

export function progressOf(row: ProgressRow, now = new Date()): ImportProgress {
  const fileBytes = Number(row.fileBytes);
  const bytesDone = Math.min(Number(row.bytesDone), fileBytes);
  const active = ACTIVE.has(row.status);
  // Reading the file is most of the work; applying the rows is the last stretch.
  const readShare = row.mode === "dry_run" ? 95 : 90;
  let percent = 0;
  if (row.status === "succeeded" || row.status === "validated") percent = 100;
  else if (row.phase === "applying") percent = readShare;
  else if (row.phase === "staging" && fileBytes > 0) percent = Math.min(readShare, Math.floor((bytesDone / fileBytes) * readShare));
  let rate: number | null = null;
  let secondsLeft: number | null = null;
  if (active && row.phase === "staging" && row.phaseStartedAt) {
    const elapsed = ((row.progressAt ?? now).getTime() - row.phaseStartedAt.getTime()) / 1000;
    if (elapsed > 0.2 && row.processedRows > 0) {
      rate = Math.round(row.processedRows / elapsed);
      if (bytesDone > 0) secondsLeft = Math.max(0, Math.round(((fileBytes - bytesDone) / bytesDone) * elapsed));
    }
  }
  return {
    id: row.id, status: row.status, phase: row.phase, mode: row.mode, percent,
    rowsDone: row.processedRows, rowsTotal: row.totalRows > 0 ? row.totalRows : null, rate, secondsLeft,
    cancelRequested: row.cancelRequested, active,
  };
}
