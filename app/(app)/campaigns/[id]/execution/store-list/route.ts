import { defineRoute } from "@/lib/auth/guard";
import { storeListCsv } from "@/lib/campaigns/delivery/store-list";
import { getT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** GET …/execution/store-list[?store=<id>]: the in-store list as CSV; 404 for another tenant's campaign. */
export const GET = defineRoute("campaign:read", async (req, { ctx, params }) => {
  const store = new URL(req.url).searchParams.get("store");
  const csv = await storeListCsv(ctx, typeof params.id === "string" ? params.id : "", store || null, await getT(ctx.locale));
  if (csv === null) return new Response("Not found", { status: 404 });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="store-list-${store ? store.slice(0, 8) : "all"}.csv"`,
      "cache-control": "no-store",
    },
  });
});
