"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { cancelCampaign, completeCampaign, createBatch, launchCampaign, resumeCampaign } from "@/lib/campaigns/execution/mutations";
import { batchSchema, campaignIdSchema, launchSchema } from "@/lib/campaigns/execution/schemas";

const page = (id: string) => `/campaigns/${id}/execution`;

export const launchCampaignAction = defineAction("campaign:execute", launchSchema, async (ctx, input) => {
  const result = await launchCampaign(ctx, input);
  revalidatePath(page(input.campaignId));
  return result;
});

export const createBatchAction = defineAction("campaign:execute", batchSchema, async (ctx, input) => {
  const result = await createBatch(ctx, input);
  revalidatePath(page(input.campaignId));
  return result;
});

export const cancelCampaignAction = defineAction("campaign:execute", campaignIdSchema, async (ctx, input) => {
  const result = await cancelCampaign(ctx, input.campaignId);
  revalidatePath(page(input.campaignId));
  return result;
});

export const completeCampaignAction = defineAction("campaign:execute", campaignIdSchema, async (ctx, input) => {
  const result = await completeCampaign(ctx, input.campaignId);
  revalidatePath(page(input.campaignId));
  return result;
});

export const resumeCampaignAction = defineAction("campaign:execute", campaignIdSchema, async (ctx, input) => {
  const result = await resumeCampaign(ctx, input.campaignId);
  revalidatePath(page(input.campaignId));
  return result;
});
