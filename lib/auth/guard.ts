// THE door. Every page, server action and route handler is built with one of
// definePage / defineAction / defineRoute, which resolve the session, the tenant
// context and the permission in one place before any handler code runs.
// tests/unit/entry-points.test.ts fails on an entry point built any other way, and
// keeps a snapshot of which permission each one needs.
import { cache, type ReactNode } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { can, loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { getSessionUser } from "@/lib/auth/session";
import { apiKeyContext, bearerToken } from "@/lib/api-keys/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { AppError, forbidden as forbiddenError, fromDatabaseError, type ErrorCode } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";

/** No session needed (sign-in, sign-up, health). */
export const PUBLIC = "public" as const;
/** Any active member of the current tenant (switch tenant, own profile). */
export const SIGNED_IN = "signed-in" as const;
export type Access = PermissionKey | typeof PUBLIC | typeof SIGNED_IN;

export const ACCESS = Symbol.for("crm.access");
type Tagged = { [ACCESS]?: Access };
export function accessOf(fn: unknown): Access | undefined {
  return (fn as Tagged | undefined)?.[ACCESS];
}
function tag<T extends object>(fn: T, access: Access): T {
  Object.defineProperty(fn, ACCESS, { value: access, enumerable: false });
  return fn;
}

const cachedContext = cache(async () => {
  const session = await getSessionUser();
  return session ? loadAuthContext(session) : null;
});

/** Resolves the caller for `access`, or throws an AppError (unauthenticated/forbidden). */
export async function requireAccess(access: Exclude<Access, typeof PUBLIC>): Promise<AuthContext> {
  const session = await getSessionUser();
  if (!session) throw new AppError("unauthenticated", "error.sessionExpired");
  const ctx = await cachedContext();
  if (!ctx) throw new AppError("unauthenticated", "error.noMembership");
  if (access !== SIGNED_IN && !can(ctx, access)) throw forbiddenError(access);
  return ctx;
}

/** For layouts (not entry points): the caller's context if signed in, else null. */
export async function optionalContext(): Promise<AuthContext | null> {
  try {
    return await cachedContext();
  } catch {
    return null;
  }
}

// ───────────── pages ─────────────

/** A session cookie that no longer yields a session: it expired (or was revoked). */
async function hadSession(): Promise<boolean> {
  try {
    const jar = await cookies();
    return jar.getAll().some((c) => c.name.endsWith("next-auth.session-token"));
  } catch {
    return false;
  }
}

type PageProps = { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string | string[] | undefined>> };
type PageArgs<A extends Access> = {
  ctx: A extends typeof PUBLIC ? AuthContext | null : AuthContext;
  params: Record<string, string>;
  searchParams: Record<string, string | string[] | undefined>;
};

export function definePage<A extends Access>(access: A, render: (args: PageArgs<A>) => Promise<ReactNode> | ReactNode) {
  const Page = async (props: PageProps) => {
    let ctx: AuthContext | null;
    try {
      ctx = access === PUBLIC ? await optionalContext() : await requireAccess(access as Exclude<Access, typeof PUBLIC>);
    } catch (err) {
      if (err instanceof AppError && err.code === "unauthenticated") redirect((await hadSession()) ? "/sign-in?expired=1" : "/sign-in");
      if (err instanceof AppError && err.code === "forbidden") forbidden();
      throw err;
    }
    const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
    return render({ ctx, params: params ?? {}, searchParams: searchParams ?? {} } as PageArgs<A>);
  };
  return tag(Page, access);
}

// ───────────── server actions ─────────────

export type ActionResult<R> =
  | { ok: true; data: R }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

/** FormData to a plain object; a repeated name (checkboxes) becomes an array. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of form.entries()) {
    if (rawKey.startsWith("$ACTION")) continue;
    const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
    const v = typeof value === "string" ? value : value;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], v);
    else out[key] = rawKey.endsWith("[]") ? [v] : v;
  }
  return out;
}

function inputOf(args: unknown[]): unknown {
  // (input) from a client call, (formData) from <form action>, (prevState, formData) from useActionState.
  const last = args[args.length - 1];
  if (last instanceof FormData) return formDataToObject(last);
  return args[0] ?? {};
}

export async function toActionError(err: unknown): Promise<Extract<ActionResult<never>, { ok: false }>> {
  unstable_rethrow(err);
  const t = await getT();
  const appErr = err instanceof AppError ? err : fromDatabaseError(err);
  if (appErr) {
    const fieldErrors = appErr.fieldErrors
      ? Object.fromEntries(Object.entries(appErr.fieldErrors).map(([k, v]) => [k, t(v)]))
      : undefined;
    return { ok: false, code: appErr.code, message: t(appErr.key, appErr.params), fieldErrors };
  }
  console.error("[action] unexpected error", err);
  return { ok: false, code: "internal", message: t("error.internal") };
}

export function validationError(issues: z.core.$ZodIssue[]): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "_";
    fieldErrors[field] ??= issue.message;
  }
  return new AppError("validation", "error.validation", {}, fieldErrors);
}

export function defineAction<A extends Access, S extends z.ZodType, R>(
  access: A,
  schema: S,
  handler: (ctx: A extends typeof PUBLIC ? null : AuthContext, input: z.output<S>) => Promise<R>,
) {
  const action = async (...args: unknown[]): Promise<ActionResult<R>> => {
    try {
      const ctx = access === PUBLIC ? null : await requireAccess(access as Exclude<Access, typeof PUBLIC>);
      const parsed = schema.safeParse(inputOf(args));
      if (!parsed.success) throw validationError(parsed.error.issues);
      return { ok: true, data: await handler(ctx as A extends typeof PUBLIC ? null : AuthContext, parsed.data) };
    } catch (err) {
      return toActionError(err);
    }
  };
  return tag(action, access);
}

// ───────────── route handlers ─────────────

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** A request carrying an API key (lib/api-keys): its context, held to the same permission. */
async function requireApiKeyAccess(req: Request, token: string, access: Exclude<Access, typeof PUBLIC>): Promise<AuthContext> {
  const ctx = await apiKeyContext(req, token);
  if (access !== SIGNED_IN && !can(ctx, access)) throw forbiddenError(access);
  return ctx;
}

/**
 * A route handler. With `{ apiKeys: true }` (the /api/v1 API) a request may also
 * authenticate with `Authorization: Bearer <API key>` instead of a session; the
 * key's role must hold the same permission.
 */
export function defineRoute<A extends Access>(
  access: A,
  handler: (req: Request, args: { ctx: A extends typeof PUBLIC ? null : AuthContext; params: Record<string, string | string[]> }) => Promise<Response>,
  options: { apiKeys?: boolean } = {},
) {
  const route = async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const token = options.apiKeys && access !== PUBLIC ? bearerToken(req) : null;
      const ctx = access === PUBLIC ? null
        : token ? await requireApiKeyAccess(req, token, access as Exclude<Access, typeof PUBLIC>)
        : await requireAccess(access as Exclude<Access, typeof PUBLIC>);
      const params = (await context?.params) ?? {};
      return await handler(req, { ctx: ctx as A extends typeof PUBLIC ? null : AuthContext, params });
    } catch (err) {
      const e = await toActionError(err);
      const status = err instanceof AppError ? err.status : e.code === "internal" ? 500 : 400;
      return Response.json({ error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors } }, { status });
    }
  };
  return tag(route, access);
}
