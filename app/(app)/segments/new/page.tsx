import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { customerFilterOptions } from "@/lib/customers/queries";
import { isSegmentKind } from "@/lib/segments/definition";
import { basketOptions } from "@/lib/segments/queries";
import { SegmentForm, SegmentKindTabs } from "@/components/segments/SegmentForm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// ?kind=basket&a=<productId>&b=<productId> (from a basket rule in analytics) prefills a basket segment.
export default definePage("segment:manage", async ({ ctx, searchParams }) => {
  const a = one(searchParams.a);
  const b = one(searchParams.b);
  const fromRule = (a && UUID.test(a)) || (b && UUID.test(b));
  const kindParam = one(searchParams.kind);
  const kind = isSegmentKind(kindParam) ? kindParam : fromRule ? "basket" : "dynamic";
  const staticSource = one(searchParams.source) === "list" ? "list" : "snapshot";
  const ids = [a, b].filter((x): x is string => !!x && UUID.test(x));
  const [t, filterOptions, basket] = await Promise.all([getT(ctx.locale), customerFilterOptions(ctx), basketOptions(ctx, ids)]);
  const keep = ids.length ? `&${new URLSearchParams(Object.fromEntries([["a", a ?? ""], ["b", b ?? ""]].filter(([, v]) => v && UUID.test(v)))).toString()}` : "";
  return (
    <div className="max-w-5xl">
      <Link href="/segments" className="text-blue-700 underline">← {t("segments.back")}</Link>
      <h1 className="mb-1 mt-2 text-2xl font-semibold text-slate-900">{t("segments.new.title")}</h1>
      <p className="mb-4 text-slate-700">{t("segments.new.intro")}</p>
      <p className="mb-4"><Link href="/segments/builder" className="text-blue-700 underline">{t("segments.builder.link")}</Link></p>
      <SegmentKindTabs kind={kind} t={t} query={keep} />
      <SegmentForm kind={kind} staticSource={staticSource} t={t} filterOptions={filterOptions} basket={basket}
        prefill={{ bought: a && UUID.test(a) ? `product:${a}` : undefined, notBought: b && UUID.test(b) ? `product:${b}` : undefined }} />
    </div>
  );
});
