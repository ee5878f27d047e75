// Who is asking: the signed-in user and their active tenant, or null.
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";

export type SessionUser = { userId: string; tenantId: string };

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string; tenantId?: string } | null;
  if (!session?.userId || !session.tenantId) return null;
  return { userId: session.userId, tenantId: session.tenantId };
}
