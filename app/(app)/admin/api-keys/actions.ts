"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { createApiKey, createApiKeySchema, revokeApiKey, revokeApiKeySchema } from "@/lib/api-keys/manage";

/** Creates an API key acting with one role; the token is returned this once. */
export const createApiKeyAction = defineAction("api_key:manage", createApiKeySchema, async (ctx, input) => {
  const out = await createApiKey(ctx, input);
  revalidatePath("/admin/api-keys");
  return out;
});

export const revokeApiKeyAction = defineAction("api_key:manage", revokeApiKeySchema, async (ctx, input) => {
  const out = await revokeApiKey(ctx, input.id);
  revalidatePath("/admin/api-keys");
  return out;
});
