import { redirect } from "next/navigation";
import { definePage, PUBLIC } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { homePath } from "@/lib/navigation";

export default definePage(PUBLIC, ({ ctx }) => redirect(ctx ? homePath((p) => can(ctx, p)) : "/sign-in"));
