// Message lookup. Each area keeps its strings in lib/i18n/messages/<area>.ts as an
// `en` object and a `zh` object with exactly the same keys (TypeScript enforces it);
// this file merges them. Unknown keys fall back to the key itself, never a crash.
import * as errors from "@/lib/i18n/messages/errors";
import * as common from "@/lib/i18n/messages/common";
import * as auth from "@/lib/i18n/messages/auth";
import * as admin from "@/lib/i18n/messages/admin";
import * as adminUsers from "@/lib/i18n/messages/admin-users";
import * as adminRoles from "@/lib/i18n/messages/admin-roles";
import * as customers from "@/lib/i18n/messages/customers";
import * as exportsArea from "@/lib/i18n/messages/exports";
import * as importArea from "@/lib/i18n/messages/import";
import * as analytics from "@/lib/i18n/messages/analytics";
import * as dashboard from "@/lib/i18n/messages/dashboard";
import * as commerce from "@/lib/i18n/messages/commerce";
import * as members from "@/lib/i18n/messages/members";
import * as service from "@/lib/i18n/messages/service";
import * as segments from "@/lib/i18n/messages/segments";
import * as segmentsBuilder from "@/lib/i18n/messages/segments-builder";
import * as campaigns from "@/lib/i18n/messages/campaigns";
import * as campaignRun from "@/lib/i18n/messages/campaign-run";
import * as insights from "@/lib/i18n/messages/insights";
import * as apiArea from "@/lib/i18n/messages/api";
import * as importsArea from "@/lib/i18n/messages/imports";
import * as importUndo from "@/lib/i18n/messages/import-undo";
import * as dashboardCampaigns from "@/lib/i18n/messages/dashboard-campaigns";
import * as campaignDelivery from "@/lib/i18n/messages/campaign-delivery";
import * as importEntities from "@/lib/i18n/messages/import-entities";
import * as importGuess from "@/lib/i18n/messages/import-guess";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];

const areas = [errors, common, auth, admin, adminUsers, adminRoles, customers, exportsArea, importArea, analytics, dashboard,
  commerce, members, service, segments, segmentsBuilder, campaigns, campaignRun, insights, apiArea, importsArea, importUndo, campaignDelivery,
  importEntities, importGuess, dashboardCampaigns];
const en: Record<string, string> = Object.assign({}, ...areas.map((a) => a.en));
const zh: Record<string, string> = Object.assign({}, ...areas.map((a) => a.zh));

export type MessageKey = keyof typeof errors.en | keyof typeof common.en | keyof typeof auth.en | keyof typeof admin.en
  | keyof typeof adminUsers.en | keyof typeof adminRoles.en | keyof typeof customers.en | keyof typeof exportsArea.en
  | keyof typeof importArea.en | keyof typeof analytics.en
  | keyof typeof dashboard.en
  | keyof typeof commerce.en
  | keyof typeof members.en
  | keyof typeof service.en
  | keyof typeof segments.en
  | keyof typeof segmentsBuilder.en
  | keyof typeof campaigns.en
  | keyof typeof campaignRun.en
  | keyof typeof insights.en
  | keyof typeof apiArea.en
  | keyof typeof importsArea.en
  | keyof typeof importUndo.en
  | keyof typeof dashboardCampaigns.en
  | keyof typeof campaignDelivery.en
  | keyof typeof importEntities.en
  | keyof typeof importGuess.en;
export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

export function translator(locale: Locale): Translate {
  const dict = locale === "en" ? en : zh;
  return (key, params) => {
    const k = String(key);
    const text = dict[k] ?? en[k] ?? k;
    return params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;
  };
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(locale === "en" ? en : zh);
}
