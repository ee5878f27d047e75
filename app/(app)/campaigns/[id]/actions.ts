"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { approveCampaign, rejectCampaign, submitCampaign } from "@/lib/campaigns/approval/workflow";
import { parseForm, planFormSchema } from "@/lib/campaigns/plan/form";
import { updateCampaign } from "@/lib/campaigns/plan/mutations";

const formFields = z.object({ id: z.guid() }).catchall(z.unknown());
const idOnly = z.object({ id: z.guid() });
const decision = z.object({ id: z.guid(), comment: z.string().trim().max(1000).default("") });

const refresh = (id: string) => {
  revalidatePath("/campaigns");
  revalidatePath(`/campaigns/${id}`);
};

export const updateCampaignAction = defineAction("campaign:manage", formFields, async (ctx, raw) => {
  const result = await updateCampaign(ctx, raw.id, parseForm(planFormSchema, raw));
  refresh(raw.id);
  return result;
});

export const submitCampaignAction = defineAction("campaign:manage", idOnly, async (ctx, { id }) => {
  const result = await submitCampaign(ctx, id);
  refresh(id);
  return result;
});

export const approveCampaignAction = defineAction("campaign:approve", decision, async (ctx, { id, comment }) => {
  const result = await approveCampaign(ctx, id, comment);
  refresh(id);
  return result;
});

export const rejectCampaignAction = defineAction("campaign:approve", decision, async (ctx, { id, comment }) => {
  const result = await rejectCampaign(ctx, id, comment);
  refresh(id);
  return result;
});
