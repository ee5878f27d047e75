import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function Forbidden() {
  const t = await getT();
  return (
    <main className="mx-auto max-w-lg p-10 text-center" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">{t("common.forbiddenTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("common.forbiddenBody")}</p>
      <Link className="mt-6 inline-block text-blue-700 underline" href="/">{t("common.backHome")}</Link>
    </main>
  );
}
