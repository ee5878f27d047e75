import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { getMember, memberFormOptions } from "@/lib/users/queries";
import { memberFormText } from "@/lib/users/form-text";
import { MemberForm } from "@/components/admin/users/MemberForm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default definePage("user:manage", async ({ ctx, params }) => {
  const t = await getT(ctx.locale);
  const userId = params.userId ?? "";
  const member = UUID.test(userId) ? await getMember(ctx, userId) : null;
  if (!member) notFound();
  const options = await memberFormOptions(ctx);
  return (
    <div className="space-y-4">
      <Link href="/admin/users" className="text-blue-700 underline">{t("users.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("users.editTitle", { name: member.name })}</h1>
      <p className="text-slate-700">{member.email}</p>
      <MemberForm
        text={memberFormText(t)}
        options={options}
        initial={{ userId: member.userId, departmentId: member.departmentId, managerUserId: member.managerUserId, status: member.status, roleIds: member.roles.map((r) => r.id) }}
      />
    </div>
  );
});
