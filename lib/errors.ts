// One error type for everything a user may see. `key` is a message key of
// lib/i18n (translated at the edge); `params` fill it. Anything that is not an
// AppError is logged and shown as the generic "something went wrong".
export type ErrorCode =
  | "unauthenticated" | "forbidden" | "not_found" | "validation" | "conflict" | "rate_limited" | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401, forbidden: 403, not_found: 404, validation: 400, conflict: 409, rate_limited: 429, internal: 500,
};

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors?: FieldErrors,
  ) {
    super(`${code}: ${key}`);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const forbidden = (permission: string) => new AppError("forbidden", "error.forbidden", { permission });
export const notFound = (what: string) => new AppError("not_found", "error.notFound", { what });

/** Postgres' own refusals, turned into something a user may read. */
export function fromDatabaseError(err: unknown): AppError | null {
  const e = err as { code?: string; meta?: { code?: string }; cause?: { code?: string } };
  const code = e?.code && /^([0-9A-Z]{5}|P\d{4})$/.test(e.code) ? e.code : e?.cause?.code ?? e?.meta?.code;
  switch (code) {
    case "P2002": // Prisma's names for the same refusals
    case "23505": return new AppError("conflict", "error.duplicate");
    case "P2003":
    case "23503": return new AppError("validation", "error.invalidReference");
    case "42501": return new AppError("forbidden", "error.rowRefused");
    case "23514": return new AppError("validation", "error.invalidValue");
    case "P2025": return new AppError("not_found", "error.notFound", { what: "record" });
    default: return null;
  }
}
