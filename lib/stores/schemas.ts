// The store form, validated on the server (messages are message keys; see
// lib/products/schemas.ts).
import { z } from "zod";

export const STORE_KINDS = ["store", "online"] as const;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const optionalText = (max: number) =>
  z.preprocess(trimmed, z.string().max(max, "stores.error.tooLong").optional().default("")).transform((v) => (v === "" ? null : v));

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const fields = {
  code: z.preprocess(trimmed, z.string({ error: "stores.error.codeRequired" }).min(1, "stores.error.codeRequired")
    .max(32, "stores.error.codeTooLong").regex(/^\S+$/, "stores.error.codeSpaces")),
  name: z.preprocess(trimmed, z.string({ error: "stores.error.nameRequired" }).min(1, "stores.error.nameRequired").max(100, "stores.error.tooLong")),
  kind: z.enum(STORE_KINDS, { error: "stores.error.kind" }),
  departmentId: z.preprocess((v) => (v === "" ? undefined : v), z.guid("stores.error.department").optional())
    .transform((v) => v ?? null),
  province: optionalText(50),
  city: optionalText(50),
  district: optionalText(50),
  openedAt: z.preprocess(trimmed, z.string().optional().default(""))
    .transform((v, ctx) => {
      if (v === "") return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDay(v)) {
        ctx.addIssue({ code: "custom", message: "stores.error.openedAt", params: { value: v } });
        return z.NEVER;
      }
      return new Date(`${v}T00:00:00Z`);
    }),
};

export const createStoreSchema = z.object(fields);
export const updateStoreSchema = z.object({ ...fields, id: z.guid("stores.error.notFound") });

export type StoreInput = z.output<typeof createStoreSchema>;
export type StoreUpdate = z.output<typeof updateStoreSchema>;
