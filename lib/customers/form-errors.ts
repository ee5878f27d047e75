// Field errors that quote what was typed ("phone “12345” is not a valid …"). The
// guard translates field errors by key alone, so issues that carry parameters are
// translated here, in the caller's language, before they are thrown.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/translate";

export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "_";
    const params = (issue as { params?: Record<string, string | number> }).params;
    out[field] ??= t(issue.message, params);
  }
  return out;
}

export function formValidationError(issues: readonly z.core.$ZodIssue[], t: Translate): AppError {
  return new AppError("validation", "error.validation", {}, fieldErrorsOf(issues, t));
}
