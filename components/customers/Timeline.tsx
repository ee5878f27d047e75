import type { Customer360 } from "@/lib/customers/detail";
import type { TimelineEvent } from "@/lib/customers/timeline";
import { formatDateTime } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card } from "@/components/customers/Card";
import { channelLabel } from "@/components/customers/CustomersTable";

function describe(e: TimelineEvent, t: Translate): { title: string; detail: string | null } {
  switch (e.kind) {
    case "registered":
      return { title: t("customers.timeline.registered"), detail: null };
    case "order":
      return { title: t(`customers.timeline.order.${e.step}`, { orderNo: e.orderNo }), detail: null };
    case "interaction":
      return {
        title: t("customers.timeline.interaction", { channel: t(`customers.interactionChannel.${e.channel}`), type: labelOr(t, "customers.interactionType", e.type) }),
        detail: [e.note, e.campaignName ? t("customers.timeline.campaign", { name: e.campaignName }) : null].filter(Boolean).join(" · ") || null,
      };
    case "ticket":
      return { title: t(`customers.timeline.ticket.${e.step}`, { kind: t(`customers.ticketKind.${e.ticketKind}`) }), detail: e.subject };
    case "touch":
      return {
        title: t("customers.timeline.touch", { channel: channelLabel(t, e.channel) }),
        detail: [e.campaignName ? t("customers.timeline.campaign", { name: e.campaignName }) : null, labelOr(t, "customers.touchStatus", e.status)].filter(Boolean).join(" · "),
      };
  }
}

function labelOr(t: Translate, prefix: string, value: string): string {
  const text = t(`${prefix}.${value}`);
  return text === `${prefix}.${value}` ? value : text;
}

export function Timeline({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  const hidden = (["orders", "interactions", "tickets"] as const).filter((k) => !customer.timelineSources[k]);
  return (
    <Card id="customer-timeline" title={t("customers.timeline")}>
      {hidden.length ? (
        <p className="mb-2 text-xs text-slate-700">
          {t("customers.timeline.hidden", { sections: hidden.map((k) => t(`customers.timeline.source.${k}`)).join(t("customers.listSeparator")) })}
        </p>
      ) : null}
      <ol className="space-y-2 border-l border-slate-300 pl-4 text-sm">
        {customer.timeline.map((e, i) => {
          const { title, detail } = describe(e, t);
          return (
            <li key={`${e.kind}-${e.at.getTime()}-${i}`} data-testid="timeline-event" data-kind={e.kind}>
              <time dateTime={e.at.toISOString()} className="block text-xs text-slate-600">{formatDateTime(e.at, locale, customer.timeZone)}</time>
              <span className="font-medium text-slate-900">{title}</span>
              {detail ? <span className="block text-slate-700">{detail}</span> : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
