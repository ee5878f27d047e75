// The honest empty states: figures never computed, or a tenant without orders /
// customers. Never zeros that look like a real, bad month.
import { EmptyState } from "@/components/EmptyState";
import type { Translate } from "@/lib/i18n/translate";

export function NotComputed({ t }: { t: Translate }) {
  return (
    <div data-testid="dashboard-not-computed">
      <EmptyState title={t("dashboard.notComputed.title")} body={t("dashboard.notComputed.body")} />
    </div>
  );
}

export function NoOrders({ t }: { t: Translate }) {
  return (
    <div data-testid="dashboard-no-orders">
      <EmptyState title={t("dashboard.noOrders.title")} body={t("dashboard.noOrders.body")} />
    </div>
  );
}

export function NoCustomers({ t }: { t: Translate }) {
  return (
    <div data-testid="dashboard-no-customers">
      <EmptyState title={t("dashboard.noCustomers.title")} body={t("dashboard.noCustomers.body")} />
    </div>
  );
}
