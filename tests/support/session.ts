// Integration tests call server actions and route handlers directly. The one thing
// faked is "who is signed in" (next-auth reads it from request cookies, which a test
// does not have); everything behind it — context, permissions, RLS — is real.
// Use with: vi.mock("@/lib/auth/session", () => sessionModuleMock);
import { vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

let current: SessionUser | null = null;

export const sessionModuleMock = {
  getSessionUser: vi.fn(async () => current),
};

export function signInAs(user: SessionUser | null): void {
  current = user;
}
