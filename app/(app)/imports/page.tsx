import { definePage } from "@/lib/auth/guard";
import { ComingSoon } from "@/components/ComingSoon";

export default definePage("import:read", ({ ctx }) => <ComingSoon locale={ctx.locale} title="nav.imports" />);
