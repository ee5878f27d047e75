"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction, PUBLIC } from "@/lib/auth/guard";
import { LOCALE_COOKIE } from "@/lib/i18n/server";

export const setLocaleAction = defineAction(PUBLIC, z.object({ locale: z.enum(["zh-CN", "en"]) }), async (_ctx, { locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return { locale };
});
