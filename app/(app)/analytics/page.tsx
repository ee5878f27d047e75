import { definePage } from "@/lib/auth/guard";
import { ComingSoon } from "@/components/ComingSoon";

export default definePage("analytics:read", ({ ctx }) => <ComingSoon locale={ctx.locale} title="nav.analytics" />);
