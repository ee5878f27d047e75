"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { parseForm, planFormSchema } from "@/lib/campaigns/plan/form";
import { createCampaign } from "@/lib/campaigns/plan/mutations";
import { saveCampaignSettings, settingsFormSchema } from "@/lib/campaigns/settings";

// Read in the handler: field errors are message keys, the checkboxes arrive as arrays.
const formFields = z.record(z.string(), z.unknown());

export const createCampaignAction = defineAction("campaign:manage", formFields, async (ctx, raw) => {
  const result = await createCampaign(ctx, parseForm(planFormSchema, raw));
  revalidatePath("/campaigns");
  return result;
});

export const saveCampaignSettingsAction = defineAction("tenant:manage", formFields, async (ctx, raw) => {
  const result = await saveCampaignSettings(ctx, parseForm(settingsFormSchema, raw));
  revalidatePath("/campaigns");
  return result;
});
