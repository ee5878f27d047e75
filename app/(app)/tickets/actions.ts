"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { createTicket } from "@/lib/tickets/mutations";
import { createTicketSchema } from "@/lib/tickets/schemas";

export const createTicketAction = defineAction("ticket:create", createTicketSchema, async (ctx, input) => {
  const result = await createTicket(ctx, input);
  revalidatePath("/tickets");
  revalidatePath(`/customers/${input.customerId}`);
  return result;
});
