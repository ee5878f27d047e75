"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { parseForm, planFormSchema } from "@/lib/campaigns/plan/form";
import { createCampaign } from "@/lib/campaigns/plan/mutations";
import { saveCampaignSettings, settingsFormSchema } from "@/lib/campaigns/settings";
import { capSchema } from "@/lib/campaigns/execution/schemas";
import { saveFrequencyCap } from "@/lib/campaigns/execution/caps";
import { rotateWebhookSecret } from "@/lib/campaigns/delivery/secret";

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

export const saveFrequencyCapAction = defineAction("tenant:manage", capSchema, async (ctx, input) => {
  const result = await saveFrequencyCap(ctx, input);
  revalidatePath("/campaigns");
  return result;
});

/** Makes or replaces the delivery receipts' signing secret; the answer shows it once. */
export const rotateDeliverySecretAction = defineAction("tenant:manage", z.object({}), async (ctx) => {
  const result = await rotateWebhookSecret(ctx);
  revalidatePath("/campaigns");
  return result;
});
