// next-auth configuration: e-mail + password, JWT sessions. The token carries the
// user id and the active tenant; switching tenant goes through `update()`, which
// is only honoured for a tenant the user is an active member of.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkCredentials } from "@/lib/auth/sign-in";
import { unsafeListMemberships } from "@/lib/users/accounts";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  return first || String(headers?.["x-real-ip"] ?? "unknown");
}

export const authOptions: NextAuthOptions = {
  // In production a missing secret must stop sign-in (next-auth refuses with NO_SECRET)
  // rather than fall back to a value anyone can read in this file.
  secret: process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || (process.env.NODE_ENV === "production" ? undefined : "dev-only-secret-change-me"),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  logger: {
    // An expired or forged session cookie is routine (the page says "session
    // expired"); log it in one line, not as a stack trace.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") console.warn("[auth] unreadable session cookie ignored");
      else console.error("[auth]", code, metadata);
    },
    warn(code) { console.warn("[auth]", code); },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const result = await checkCredentials(credentials?.email ?? "", credentials?.password ?? "", clientIp(req?.headers));
        if (!result.ok) throw new Error(result.reason);
        return { id: result.user.id, email: result.user.email, name: result.user.name, tenantId: result.tenantId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        token.uid = user.id;
        token.tid = (user as { tenantId?: string }).tenantId;
      }
      if (trigger === "update" && typeof session?.tenantId === "string" && token.uid) {
        const memberships = await unsafeListMemberships(String(token.uid));
        if (memberships.some((m) => m.tenantId === session.tenantId)) token.tid = session.tenantId;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.uid as string, tenantId: token.tid as string };
    },
  },
};
