import { definePage } from "@/lib/auth/guard";
import { ComingSoon } from "@/components/ComingSoon";

export default definePage("care_task:read", ({ ctx }) => <ComingSoon locale={ctx.locale} title="nav.careTasks" />);
