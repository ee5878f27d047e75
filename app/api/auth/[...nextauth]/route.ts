import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { defineRoute, PUBLIC } from "@/lib/auth/guard";

// next-auth's own endpoints (sign-in, session, CSRF); they authenticate, so they are public.
const handler = NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>;
const passThrough = defineRoute(PUBLIC, async (req, { params }) => handler(req, { params: Promise.resolve(params) }));

export const GET = passThrough;
export const POST = passThrough;
