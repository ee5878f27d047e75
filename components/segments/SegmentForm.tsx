// The segment form for one kind (chosen by links above it, so the page works and
// stays keyboard-friendly without script). Rendered on the server; ActionForm
// submits it to createSegmentAction.
import Link from "next/link";
import { createSegmentAction } from "@/app/(app)/segments/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import { KNOWN_CHANNELS, channelLabelKey } from "@/lib/customers/channels";
import type { CustomerFilterOptions } from "@/lib/customers/queries";
import type { Translate } from "@/lib/i18n/translate";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { SEGMENT_KINDS, type SegmentKind } from "@/lib/segments/definition";
import type { BasketOptions } from "@/lib/segments/queries";

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";
const help = "mt-1 text-xs text-slate-700";

type Props = {
  kind: SegmentKind;
  staticSource: "snapshot" | "list";
  t: Translate;
  filterOptions: CustomerFilterOptions;
  basket: BasketOptions;
  prefill: { bought?: string; notBought?: string };
};

function TextInput({ name, text, type = "text", defaultValue, helpText, ...rest }: { name: string; text: string; type?: string; defaultValue?: string; helpText?: string; list?: string; inputMode?: "decimal" | "numeric" }) {
  const id = `seg-${name}`;
  return (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} className={input} aria-describedby={helpText ? `${id}-help` : undefined} {...rest} />
      {helpText ? <p id={`${id}-help`} className={help}>{helpText}</p> : null}
    </div>
  );
}

function Select({ name, text, options, anyText, defaultValue }: { name: string; text: string; options: { value: string; label: string }[]; anyText: string; defaultValue?: string }) {
  const id = `seg-${name}`;
  return (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <select id={id} name={name} className={input} defaultValue={defaultValue ?? ""}>
        <option value="">{anyText}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

function Checks({ name, legend, values, t, prefix }: { name: string; legend: string; values: readonly string[]; t: Translate; prefix: string }) {
  return (
    <fieldset className="rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {values.map((v) => (
          <label key={v} className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name={`${name}[]`} value={v} /> {t(`${prefix}${v}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function FilterFields({ t, options }: { t: Translate; options: CustomerFilterOptions }) {
  const channelLabel = (c: string) => (t(channelLabelKey(c)) === channelLabelKey(c) ? c : t(channelLabelKey(c)));
  return (
    <>
      <fieldset className="mb-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("segments.section.customerFilters")}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <TextInput name="q" text={t("customers.search.label")} />
          <TextInput name="province" text={t("customers.filter.province")} list="seg-provinces" />
          <datalist id="seg-provinces">{options.provinces.map((p) => <option key={p} value={p} />)}</datalist>
          <TextInput name="city" text={t("customers.filter.city")} list="seg-cities" />
          <datalist id="seg-cities">{options.cities.map((c) => <option key={c} value={c} />)}</datalist>
          <Select name="storeId" text={t("customers.filter.store")} anyText={t("customers.filter.any")} options={options.stores.map((s) => ({ value: s.id, label: s.name }))} />
          <Select name="channel" text={t("customers.filter.channel")} anyText={t("customers.filter.any")} options={KNOWN_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} />
          <Select name="ownerUserId" text={t("customers.filter.owner")} anyText={t("customers.filter.anyone")} options={options.owners.map((o) => ({ value: o.id, label: o.name }))} />
          <Select name="tagId" text={t("customers.filter.tag")} anyText={t("customers.filter.any")} options={options.tags.map((g) => ({ value: g.id, label: g.name }))} />
          <TextInput name="createdFrom" type="date" text={t("customers.filter.createdFrom")} />
          <TextInput name="createdTo" type="date" text={t("customers.filter.createdTo")} />
          <TextInput name="lastOrderFrom" type="date" text={t("customers.filter.lastOrderFrom")} />
          <TextInput name="lastOrderTo" type="date" text={t("customers.filter.lastOrderTo")} />
        </div>
      </fieldset>
      <fieldset className="mb-4 space-y-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("segments.section.scores")}</legend>
        <Checks name="rfmSegments" legend={t("segments.field.rfmSegments")} values={RFM_SEGMENTS} t={t} prefix="customers.segment." />
        <Checks name="churnRisk" legend={t("segments.field.churnRisk")} values={CHURN_LEVELS} t={t} prefix="segments.churn." />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput name="clvMin" text={t("segments.field.clvMin")} inputMode="decimal" />
          <TextInput name="clvMax" text={t("segments.field.clvMax")} inputMode="decimal" />
        </div>
      </fieldset>
    </>
  );
}

function BasketFields({ t, basket, prefill }: { t: Translate; basket: BasketOptions; prefill: Props["prefill"] }) {
  const side = (name: "bought" | "notBought", text: string, value?: string) => (
    <div>
      <label htmlFor={`seg-${name}`} className={label}>{text}</label>
      <select id={`seg-${name}`} name={name} className={input} defaultValue={value ?? ""} required>
        <option value="">{t("segments.basket.choose")}</option>
        <optgroup label={t("segments.basket.products")}>
          {basket.products.map((p) => <option key={p.id} value={`product:${p.id}`}>{p.label}</option>)}
        </optgroup>
        {basket.categories.length ? (
          <optgroup label={t("segments.basket.categories")}>
            {basket.categories.map((c) => <option key={c} value={`category:${c}`}>{c}</option>)}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
  return (
    <div className="mb-4 grid gap-4 sm:grid-cols-3">
      {side("bought", t("segments.field.bought"), prefill.bought)}
      {side("notBought", t("segments.field.notBought"), prefill.notBought)}
      <TextInput name="sinceDays" text={t("segments.field.sinceDays")} inputMode="numeric" helpText={t("segments.help.sinceDays")} />
    </div>
  );
}

export function SegmentKindTabs({ kind, t, query = "" }: { kind: SegmentKind; t: Translate; query?: string }) {
  return (
    <nav aria-label={t("segments.field.kind")} className="mb-4 flex flex-wrap gap-2">
      {SEGMENT_KINDS.map((k) => (
        <Link key={k} href={`/segments/new?kind=${k}${query}`} aria-current={k === kind ? "page" : undefined}
          className={`rounded border px-3 py-1.5 text-sm ${k === kind ? "border-blue-700 bg-blue-50 font-semibold text-blue-900" : "border-slate-300 bg-white text-slate-800"}`}>
          {t(`segments.kind.${k}`)}
        </Link>
      ))}
    </nav>
  );
}

export function SegmentForm({ kind, staticSource, t, filterOptions, basket, prefill }: Props) {
  const labels: Record<string, string> = {
    name: t("segments.field.name"), kind: t("segments.field.kind"), clvMin: t("segments.field.clvMin"), clvMax: t("segments.field.clvMax"),
    rfmSegments: t("segments.field.rfmSegments"), churnRisk: t("segments.field.churnRisk"), modelChurnRisk: t("segments.field.churnRisk"),
    clvTopPercent: t("segments.field.clvTopPercent"), bought: t("segments.field.bought"), notBought: t("segments.field.notBought"),
    sinceDays: t("segments.field.sinceDays"), listText: t("segments.field.listText"), listFile: t("segments.field.listFile"),
  };
  return (
    <ActionForm action={createSegmentAction} submitText={t("segments.new.submit")} pendingText={t("segments.new.saving")} labels={labels}
      successHref="/segments/{id}" testId="segment-form" className="rounded-lg border border-slate-200 bg-white p-4">
      <input type="hidden" name="kind" value={kind} />
      <div className="mb-4 max-w-xl">
        <TextInput name="name" text={t("segments.field.name")} />
      </div>
      <p className="mb-4 text-sm text-slate-700">{t(`segments.kindHelp.${kind}`)}</p>
      {kind === "dynamic" ? <FilterFields t={t} options={filterOptions} /> : null}
      {kind === "static" ? (
        <>
          <input type="hidden" name="staticSource" value={staticSource} />
          <nav aria-label={t("segments.static.source")} className="mb-4 flex gap-4 text-sm">
            <Link href="/segments/new?kind=static&source=snapshot" aria-current={staticSource === "snapshot" ? "page" : undefined} className="text-blue-700 underline">{t("segments.static.snapshot")}</Link>
            <Link href="/segments/new?kind=static&source=list" aria-current={staticSource === "list" ? "page" : undefined} className="text-blue-700 underline">{t("segments.static.list")}</Link>
          </nav>
          {staticSource === "list" ? (
            <div className="mb-4 space-y-4">
              <div>
                <label htmlFor="seg-listText" className={label}>{t("segments.field.listText")}</label>
                <textarea id="seg-listText" name="listText" rows={8} className={input} aria-describedby="seg-listText-help" />
                <p id="seg-listText-help" className={help}>{t("segments.help.list")}</p>
              </div>
              <div>
                <label htmlFor="seg-listFile" className={label}>{t("segments.field.listFile")}</label>
                <input id="seg-listFile" name="listFile" type="file" accept=".csv,.txt,text/csv,text/plain" className="text-sm" />
              </div>
            </div>
          ) : <FilterFields t={t} options={filterOptions} />}
        </>
      ) : null}
      {kind === "model" ? (
        <div className="mb-4 space-y-3">
          <Checks name="modelChurnRisk" legend={t("segments.field.churnRisk")} values={CHURN_LEVELS} t={t} prefix="segments.churn." />
          <div className="max-w-xs">
            <TextInput name="clvTopPercent" text={t("segments.field.clvTopPercent")} inputMode="decimal" helpText={t("segments.help.clvTop")} />
          </div>
        </div>
      ) : null}
      {kind === "basket" ? <BasketFields t={t} basket={basket} prefill={prefill} /> : null}
    </ActionForm>
  );
}
