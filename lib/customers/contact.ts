// Phone and e-mail as the caller may see them: formatted when they hold
// customer:unmask, masked otherwise. Every reader of customers goes through this
// before returning, so a page never receives a raw value it should not show.
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import { maskEmail, maskPhone } from "@/lib/format/mask";
import { formatPhone } from "@/lib/format/phone";

export type Contact = { phone: string | null; email: string | null; masked: boolean };

export function mayUnmask(ctx: AuthContext): boolean {
  return can(ctx, "customer:unmask");
}

export function contactFor(unmasked: boolean, phone: string | null, email: string | null): Contact {
  return {
    phone: phone ? (unmasked ? formatPhone(phone) : maskPhone(phone)) : null,
    email: email ? (unmasked ? email : maskEmail(email)) : null,
    masked: !unmasked,
  };
}
