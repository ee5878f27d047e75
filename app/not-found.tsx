import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getT();
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t("common.notFoundTitle")}</h1>
      <Link className="mt-6 inline-block text-blue-700 underline" href="/">{t("common.backHome")}</Link>
    </main>
  );
}
