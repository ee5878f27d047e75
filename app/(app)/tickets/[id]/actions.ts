"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { setTicketStatus, updateTicket } from "@/lib/tickets/mutations";
import { ticketIdSchema, updateTicketSchema } from "@/lib/tickets/schemas";

function refresh(id: string) {
  revalidatePath("/tickets");
  revalidatePath(`/tickets/${id}`);
}

export const updateTicketAction = defineAction("ticket:update", updateTicketSchema, async (ctx, input) => {
  const result = await updateTicket(ctx, input);
  refresh(result.id);
  return result;
});

export const closeTicketAction = defineAction("ticket:update", ticketIdSchema, async (ctx, input) => {
  const result = await setTicketStatus(ctx, input.id, "closed");
  refresh(result.id);
  return result;
});

export const reopenTicketAction = defineAction("ticket:update", ticketIdSchema, async (ctx, input) => {
  const result = await setTicketStatus(ctx, input.id, "open");
  refresh(result.id);
  return result;
});
