// What the create and edit forms may send, and what each field becomes: the phone
// in E.164 (typed any way, China by default), the e-mail lower-cased, the birthday
// a real calendar day not in the future, interests a short list. Messages are i18n
// keys; an issue about a typed value carries it in `params` so the message can
// quote it ("phone “12345” is not a valid …"). Whether a store, an owner or a
// customer id exists in this tenant and the caller's scope is checked in
// lib/customers/edit.ts.
import { z } from "zod";
import { normalizePhone } from "@/lib/format/phone";

export const NAME_MAX = 100;
export const TEXT_MAX = 50;
export const ADDRESS_MAX = 200;
export const INTEREST_MAX = 20;
export const INTERESTS_MAX = 20;
export const IDENTITY_MAX = 100;
export const OLDEST_BIRTHDAY = "1900-01-01";
export const GENDERS = ["M", "F", "U"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Form text: trimmed, NFKC (full-width letters and digits become ASCII), "" for absent. */
const text = (v: unknown): string => (typeof v === "string" ? v.normalize("NFKC").trim() : "");

/** A repeated form field (checkboxes), a list, or one string separated by commas or 、. */
function list(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.flatMap((x) => (typeof x === "string" ? x.split(/[,，、;；\n]/) : [])) : text(v).split(/[,，、;；\n]/);
  return parts.map((p) => p.normalize("NFKC").trim()).filter(Boolean);
}

function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Today's calendar day where it is latest on Earth (UTC+14): no birthday typed "today" anywhere is refused. */
function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export type CustomerFields = {
  name: string;
  phone: string | null;
  email: string | null;
  gender: (typeof GENDERS)[number] | null;
  /** A calendar date (UTC midnight, the shape of a `date` column). */
  birthday: Date | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  occupation: string | null;
  interests: string[];
  sourceChannel: string | null;
  homeStoreId: string | null;
  /** null: "nobody" on edit; on create it means the creator. */
  ownerUserId: string | null;
};

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: string, message: string, params?: Record<string, string | number>) =>
  ctx.addIssue({ code: "custom", path: [path], message, ...(params ? { params } : {}) });

function optionalText(ctx: Ctx, raw: Record<string, unknown>, field: string, max: number): string | null {
  const v = text(raw[field]);
  if (!v) return null;
  if ([...v].length > max) issue(ctx, field, "customers.edit.error.tooLong", { max });
  return v;
}

function optionalId(ctx: Ctx, raw: Record<string, unknown>, field: string): string | null {
  const v = text(raw[field]);
  if (!v) return null;
  if (!UUID.test(v)) issue(ctx, field, "customers.error.invalidId");
  return v.toLowerCase();
}

/** The shared fields of both forms, validated and normalized. */
function fields(raw: Record<string, unknown>, ctx: Ctx, now: Date): CustomerFields {
  const name = text(raw.name);
  if (!name) issue(ctx, "name", "customers.edit.error.nameRequired");
  else if ([...name].length > NAME_MAX) issue(ctx, "name", "customers.edit.error.tooLong", { max: NAME_MAX });

  const typedPhone = text(raw.phone);
  const phone = typedPhone ? normalizePhone(typedPhone) : null;
  if (typedPhone && !phone) issue(ctx, "phone", "customers.edit.error.phoneInvalid", { value: typedPhone.slice(0, 40) });

  const typedEmail = text(raw.email);
  const email = typedEmail ? typedEmail.toLowerCase() : null;
  if (email && (email.length > 254 || !z.email().safeParse(email).success)) {
    issue(ctx, "email", "customers.edit.error.emailInvalid", { value: typedEmail.slice(0, 60) });
  }

  const typedGender = text(raw.gender);
  const gender = (GENDERS as readonly string[]).includes(typedGender) ? (typedGender as CustomerFields["gender"]) : null;
  if (typedGender && !gender) issue(ctx, "gender", "customers.edit.error.gender");

  const typedBirthday = text(raw.birthday);
  let birthday: Date | null = null;
  if (typedBirthday) {
    if (!isRealDay(typedBirthday)) issue(ctx, "birthday", "customers.edit.error.birthdayInvalid", { value: typedBirthday.slice(0, 20) });
    else if (typedBirthday > latestToday(now)) issue(ctx, "birthday", "customers.edit.error.birthdayFuture", { value: typedBirthday });
    else if (typedBirthday < OLDEST_BIRTHDAY) issue(ctx, "birthday", "customers.edit.error.birthdayTooOld", { value: typedBirthday });
    else birthday = new Date(`${typedBirthday}T00:00:00Z`);
  }

  const interests = [...new Set(list(raw.interests))];
  if (interests.length > INTERESTS_MAX) issue(ctx, "interests", "customers.edit.error.tooManyInterests", { max: INTERESTS_MAX });
  const longInterest = interests.find((i) => [...i].length > INTEREST_MAX);
  if (longInterest) issue(ctx, "interests", "customers.edit.error.interestTooLong", { value: longInterest.slice(0, 30), max: INTEREST_MAX });

  return {
    name,
    phone,
    email,
    gender,
    birthday,
    province: optionalText(ctx, raw, "province", TEXT_MAX),
    city: optionalText(ctx, raw, "city", TEXT_MAX),
    district: optionalText(ctx, raw, "district", TEXT_MAX),
    address: optionalText(ctx, raw, "address", ADDRESS_MAX),
    occupation: optionalText(ctx, raw, "occupation", TEXT_MAX),
    interests,
    sourceChannel: optionalText(ctx, raw, "sourceChannel", TEXT_MAX),
    homeStoreId: optionalId(ctx, raw, "homeStoreId"),
    ownerUserId: optionalId(ctx, raw, "ownerUserId"),
  };
}

/** Ids of the possible duplicates the user was shown and chose to save anyway. */
function acknowledged(raw: Record<string, unknown>): string[] {
  return [...new Set(list(raw.acknowledgedDuplicates).map((x) => x.toLowerCase()).filter((x) => UUID.test(x)))].slice(0, 100);
}

export type CreateCustomerInput = CustomerFields & {
  /** One channel id to link at once (a member card number, a WeChat openid), or none. */
  identity: { channel: string; externalId: string } | null;
  acknowledgedDuplicates: string[];
};

export type UpdateCustomerInput = CustomerFields & {
  customerId: string;
  /** The version the form was opened with: the update applies only if it is still current. */
  version: number;
  acknowledgedDuplicates: string[];
  /**
   * For a caller who sees contact details masked: the form cannot show the stored
   * value, so an empty field means "keep it" unless they asked to remove it.
   */
  keep: { phone: boolean; email: boolean };
};

const record = z.record(z.string(), z.unknown());

export function createCustomerSchema(now = new Date()) {
  return record.transform((raw, ctx): CreateCustomerInput => {
    const base = fields(raw, ctx, now);
    const channel = text(raw.identityChannel);
    const externalId = text(raw.identityExternalId);
    if (externalId && !channel) issue(ctx, "identityChannel", "customers.edit.error.identityChannel");
    if (channel && [...channel].length > TEXT_MAX) issue(ctx, "identityChannel", "customers.edit.error.tooLong", { max: TEXT_MAX });
    if ([...externalId].length > IDENTITY_MAX) issue(ctx, "identityExternalId", "customers.edit.error.tooLong", { max: IDENTITY_MAX });
    return { ...base, identity: channel && externalId ? { channel, externalId } : null, acknowledgedDuplicates: acknowledged(raw) };
  });
}

export function updateCustomerSchema(now = new Date()) {
  return record.transform((raw, ctx): UpdateCustomerInput => {
    const base = fields(raw, ctx, now);
    const customerId = text(raw.customerId);
    if (!UUID.test(customerId)) issue(ctx, "customerId", "customers.error.invalidId");
    const version = Number(text(raw.version));
    if (!Number.isInteger(version) || version < 1) issue(ctx, "version", "customers.edit.error.version");
    const keep = (field: "phone" | "email", flag: string, remove: string) => text(raw[flag]) === "1" && !text(raw[field]) && text(raw[remove]) !== "1";
    return {
      ...base, customerId: customerId.toLowerCase(), version, acknowledgedDuplicates: acknowledged(raw),
      keep: { phone: keep("phone", "keepPhone", "removePhone"), email: keep("email", "keepEmail", "removeEmail") },
    };
  });
}

const id = z.guid({ message: "customers.error.invalidId" });

export const deleteCustomerSchema = z.object({
  customerId: id,
  /** When given, the delete applies only to the version the user looked at. */
  version: z.coerce.number().int().min(1).optional(),
});
export const restoreCustomerSchema = z.object({ customerId: id });

export const mergeCustomersSchema = z.object({
  /** The survivor: keeps its id and fields. */
  customerId: id,
  /** Merged into the survivor, then soft-deleted. */
  otherCustomerId: id,
  /** The versions the preview was made from: the merge applies only if neither changed since. */
  customerVersion: z.coerce.number({ message: "customers.edit.error.version" }).int().min(1),
  otherVersion: z.coerce.number({ message: "customers.edit.error.version" }).int().min(1),
});

export const checkDuplicatesSchema = z.object({
  customerId: z.union([z.literal("").transform(() => null), id]).nullable().default(null),
  phone: z.string().max(100).default(""),
  email: z.string().max(300).default(""),
  identityChannel: z.string().max(100).default(""),
  identityExternalId: z.string().max(200).default(""),
});

export type DeleteCustomerInput = z.output<typeof deleteCustomerSchema>;
export type MergeCustomersInput = z.output<typeof mergeCustomersSchema>;
export type CheckDuplicatesInput = z.output<typeof checkDuplicatesSchema>;
