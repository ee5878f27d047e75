// Shared shapes of the import core. Every cleaner answers with a CleanResult; a
// failure carries a message key and its params (lib/i18n/messages/import.ts), never a
// sentence, so the row report reads in the user's language.
import type { ImportMessageKey } from "@/lib/i18n/messages/import";

export type MsgParams = Record<string, string | number>;

/** A message to show: its key in lib/i18n/messages/import.ts and the values for its {placeholders}. */
export type Msg = { key: ImportMessageKey; params?: MsgParams };

export type CleanOk<T> = { ok: true; value: T; warning?: Msg };
export type CleanFail = { ok: false; reason: Msg };
export type CleanResult<T> = CleanOk<T> | CleanFail;

/** Always the same object shape (warning may be undefined), which keeps the hot call sites monomorphic. */
export function ok<T>(value: T, warning?: Msg): CleanOk<T> {
  return { ok: true, value, warning };
}

export function fail(key: ImportMessageKey, params?: MsgParams): CleanFail {
  return params ? { ok: false, reason: { key, params } } : { ok: false, reason: { key } };
}

export function msg(key: ImportMessageKey, params?: MsgParams): Msg {
  return params ? { key, params } : { key };
}

/** A problem with the file as a whole (wrong encoding, binary, unreadable sheet): the import stops. */
export class ImportFileError extends Error {
  readonly detail: Msg;
  constructor(key: ImportMessageKey, params?: MsgParams) {
    super(params ? `${key} ${JSON.stringify(params)}` : key);
    this.name = "ImportFileError";
    this.detail = msg(key, params);
  }
}
