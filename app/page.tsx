import { redirect } from "next/navigation";
import { definePage, PUBLIC } from "@/lib/auth/guard";

export default definePage(PUBLIC, ({ ctx }) => redirect(ctx ? "/dashboard" : "/sign-in"));
