"use client";
// The AND/OR rule builder: groups of conditions (nested up to MAX_DEPTH), each
// control a labelled native input, so it works from the keyboard and with a screen
// reader. The count of matching customers is asked of the server 400 ms after the
// last edit (countRulesAction, the viewer's scope); answers to older edits are
// ignored. Saving posts the tree to createSegmentAction as a dynamic segment or a
// static snapshot.
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { countRulesAction, createSegmentAction } from "@/app/(app)/segments/actions";
import { MAX_CONDITIONS, MAX_DEPTH, type RuleField, type RuleGroup } from "@/lib/segments/rule-tree";
import {
  FIELD_GROUPS, FIELDS, conditionCount, newCondition, newGroup, toRuleTree, toUi, updateNode, type UiCondition, type UiGroup, type UiNode,
} from "@/components/segments/rule-builder-model";

export type Choice = { value: string; label: string };
type Text = Record<string, string>;
type Props = { initial: RuleGroup; choices: Record<string, Choice[]>; text: Text; locale: string };

const input = "w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900";
const lbl = "mb-0.5 block text-xs font-medium text-slate-800";
const btn = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 hover:bg-slate-50 disabled:opacity-50";
const DEBOUNCE_MS = 400;

const fmt = (s: string, params: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));

type Ctx = { text: Text; choices: Record<string, Choice[]>; total: number; update: (key: string, fn: (n: UiNode) => UiNode | null) => void };

function ConditionRow({ c, index, ctx }: { c: UiCondition; index: number; ctx: Ctx }) {
  const { text, choices } = ctx;
  const meta = FIELDS[c.field];
  const id = (s: string) => `${c.key}-${s}`;
  const set = (patch: Partial<UiCondition>) => ctx.update(c.key, (n) => ({ ...(n as UiCondition), ...patch }));
  const options = meta.options ? choices[meta.options] ?? [] : [];
  const multi = (label: string) => (
    <div className="min-w-48 flex-1">
      <label htmlFor={id("values")} className={lbl}>{label}</label>
      <select id={id("values")} multiple size={Math.min(5, Math.max(2, options.length))} className={input} value={c.values}
        onChange={(e) => set({ values: [...e.currentTarget.selectedOptions].map((o) => o.value) })}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const numberInput = (key: "value" | "value2", label: string) => (
    <div className="w-32">
      <label htmlFor={id(key)} className={lbl}>{label}</label>
      <input id={id(key)} type="number" step={meta.step} inputMode="decimal" className={input} value={c[key]} onChange={(e) => set({ [key]: e.currentTarget.value })} />
    </div>
  );
  const daysInput = (label: string) => (
    <div className="w-28">
      <label htmlFor={id("days")} className={lbl}>{label}</label>
      <input id={id("days")} type="number" min={1} max={3650} step={1} inputMode="numeric" className={input} value={c.days} onChange={(e) => set({ days: e.currentTarget.value })} />
    </div>
  );
  return (
    <li className="rounded border border-slate-200 bg-slate-50 p-2" data-testid="rule-condition">
      <fieldset className="flex flex-wrap items-end gap-2">
        <legend className="sr-only">{fmt(text["segments.builder.condition"]!, { n: index + 1 })}</legend>
        <div className="w-52">
          <label htmlFor={id("field")} className={lbl}>{text["segments.builder.field"]}</label>
          <select id={id("field")} className={input} value={c.field}
            onChange={(e) => {
              const field = e.currentTarget.value as RuleField;
              ctx.update(c.key, () => ({ ...newCondition(field), key: c.key }));
            }}>
            {FIELD_GROUPS.map((g) => (
              <optgroup key={g} label={text[`segments.builder.fieldGroup.${g}`]}>
                {(Object.keys(FIELDS) as RuleField[]).filter((f) => FIELDS[f].group === g).map((f) => (
                  <option key={f} value={f}>{text[`segments.builder.field.${f}`]}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="w-44">
          <label htmlFor={id("op")} className={lbl}>{text["segments.builder.op"]}</label>
          <select id={id("op")} className={input} value={c.op} onChange={(e) => set({ op: e.currentTarget.value })}>
            {meta.ops.map((o) => <option key={o} value={o}>{text[`segments.builder.op.${o}`]}</option>)}
          </select>
        </div>
        {meta.editor === "multi" ? multi(text["segments.builder.valuesMulti"]!) : null}
        {meta.editor === "text" ? (
          <div className="min-w-48 flex-1">
            <label htmlFor={id("text")} className={lbl}>{text["segments.builder.valuesText"]}</label>
            <input id={id("text")} className={input} value={c.text} list={options.length ? id("list") : undefined} onChange={(e) => set({ text: e.currentTarget.value })} />
            {options.length ? <datalist id={id("list")}>{options.map((o) => <option key={o.value} value={o.value} />)}</datalist> : null}
          </div>
        ) : null}
        {meta.editor === "range" ? (
          <>
            {numberInput("value", text["segments.builder.value"]!)}
            {c.op === "between" ? numberInput("value2", text["segments.builder.value2"]!) : null}
          </>
        ) : null}
        {meta.editor === "date" ? (
          <>
            <div className="w-40">
              <label htmlFor={id("value")} className={lbl}>{text["segments.builder.value"]}</label>
              <input id={id("value")} type="date" className={input} value={c.value} onChange={(e) => set({ value: e.currentTarget.value })} />
            </div>
            {c.op === "between" ? (
              <div className="w-40">
                <label htmlFor={id("value2")} className={lbl}>{text["segments.builder.value2"]}</label>
                <input id={id("value2")} type="date" className={input} value={c.value2} onChange={(e) => set({ value2: e.currentTarget.value })} />
              </div>
            ) : null}
          </>
        ) : null}
        {meta.editor === "days" ? daysInput(text["segments.builder.days"]!) : null}
        {meta.editor === "bought" ? (
          <>
            {multi(text["segments.builder.valuesMulti"]!)}
            {daysInput(text["segments.builder.daysOptional"]!)}
          </>
        ) : null}
        {meta.editor === "channelDays" ? (
          <>
            <div className="w-40">
              <label htmlFor={id("channel")} className={lbl}>{text["segments.builder.channel"]}</label>
              <select id={id("channel")} className={input} value={c.channel} onChange={(e) => set({ channel: e.currentTarget.value })}>
                <option value="">—</option>
                {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </div>
            {daysInput(text["segments.builder.days"]!)}
          </>
        ) : null}
        <button type="button" className={btn} onClick={() => ctx.update(c.key, () => null)}
          aria-label={`${text["segments.builder.remove"]} ${index + 1}`}>
          {text["segments.builder.remove"]}
        </button>
      </fieldset>
    </li>
  );
}

function GroupBox({ g, depth, ctx, root }: { g: UiGroup; depth: number; ctx: Ctx; root?: boolean }) {
  const { text } = ctx;
  const full = ctx.total >= MAX_CONDITIONS;
  const opId = `${g.key}-op`;
  const legend = root ? text["segments.builder.root"] : `${text["segments.builder.group"]} (${text[`segments.builder.group.${g.op}`]})`;
  return (
    <fieldset className={`rounded-lg border p-3 ${root ? "border-slate-300 bg-white" : "border-blue-200 bg-blue-50/40"}`} data-testid={root ? "rule-root" : "rule-group"}>
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="mb-2 flex flex-wrap items-end gap-2">
        <div className="w-52">
          <label htmlFor={opId} className={lbl}>{text["segments.builder.group.combine"]}</label>
          <select id={opId} className={input} value={g.op} data-testid="group-op"
            onChange={(e) => {
              const op = e.currentTarget.value === "or" ? "or" : "and";
              ctx.update(g.key, (n) => ({ ...(n as UiGroup), op }));
            }}>
            <option value="and">{text["segments.builder.group.and"]}</option>
            <option value="or">{text["segments.builder.group.or"]}</option>
          </select>
        </div>
        <button type="button" className={btn} disabled={full} data-testid="add-condition"
          onClick={() => ctx.update(g.key, (n) => ({ ...(n as UiGroup), children: [...(n as UiGroup).children, newCondition()] }))}>
          {text["segments.builder.addCondition"]}
        </button>
        {depth < MAX_DEPTH ? (
          <button type="button" className={btn} disabled={full} data-testid="add-group"
            onClick={() => ctx.update(g.key, (n) => ({ ...(n as UiGroup), children: [...(n as UiGroup).children, { ...newGroup(g.op === "and" ? "or" : "and"), children: [newCondition()] }] }))}>
            {text["segments.builder.addGroup"]}
          </button>
        ) : null}
        {!root ? (
          <button type="button" className={btn} onClick={() => ctx.update(g.key, () => null)}>{text["segments.builder.removeGroup"]}</button>
        ) : null}
      </div>
      {g.children.length === 0 ? <p className="text-sm text-slate-700">{text["segments.builder.empty"]}</p> : null}
      <ul className="space-y-2">
        {g.children.map((c, i) => (c.type === "group"
          ? <li key={c.key}><GroupBox g={c} depth={depth + 1} ctx={ctx} /></li>
          : <ConditionRow key={c.key} c={c} index={i} ctx={ctx} />))}
      </ul>
    </fieldset>
  );
}

type CountResult = { json: string; count?: number; error?: string };

export function RuleBuilder({ initial, choices, text, locale }: Props) {
  const router = useRouter();
  const [tree, setTree] = useState<UiGroup>(() => toUi(initial));
  const [result, setResult] = useState<CountResult | null>(null);
  const [saveError, setSaveError] = useState<{ message: string; fields: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const latest = useRef<string | null>(null);
  const json = useMemo(() => {
    const rules = toRuleTree(tree);
    return rules ? JSON.stringify(rules) : null;
  }, [tree]);

  useEffect(() => {
    latest.current = json;
    if (!json) return;
    const timer = setTimeout(() => {
      countRulesAction({ rules: json }).then(
        (r) => {
          if (latest.current !== json) return;
          setResult(r.ok ? { json, count: r.data.count } : { json, error: r.message });
        },
        () => { if (latest.current === json) setResult({ json, error: text["segments.builder.error.invalid"] }); },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json, text]);

  const update: Ctx["update"] = (key, fn) => setTree((t) => updateNode(t, key, fn));
  const ctx: Ctx = { text, choices, total: conditionCount(tree), update };
  const nf = new Intl.NumberFormat(locale);

  let status: string;
  if (!json) status = text["segments.builder.count.incomplete"]!;
  else if (result?.json !== json) status = text["segments.builder.count.counting"]!;
  else if (result.error) status = fmt(text["segments.builder.count.error"]!, { message: result.error });
  else status = fmt(text["segments.builder.count.value"]!, { count: nf.format(result.count ?? 0) });

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (!json) {
      setSaveError({ message: text["segments.builder.error.invalid"]!, fields: [] });
      return;
    }
    form.set("rules", json);
    form.set("staticSource", "snapshot");
    setSaving(true);
    const r = await createSegmentAction(form);
    setSaving(false);
    if (!r.ok) {
      setSaveError({ message: r.message, fields: Object.values(r.fieldErrors ?? {}) });
      return;
    }
    router.push(`/segments/${r.data.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="rule-builder">
      {saveError ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="builder-error">
          <p>{saveError.message}</p>
          {saveError.fields.length ? <ul className="list-disc pl-5">{saveError.fields.map((f, i) => <li key={i}>{f}</li>)}</ul> : null}
        </div>
      ) : null}
      <div className="max-w-xl">
        <label htmlFor="builder-name" className="mb-1 block text-sm font-medium text-slate-800">{text["segments.builder.name"]}</label>
        <input id="builder-name" name="name" required maxLength={100} className={input} />
      </div>
      <p className="text-xs text-slate-700">{fmt(text["segments.builder.limits"]!, { depth: MAX_DEPTH, max: MAX_CONDITIONS })}</p>
      <GroupBox g={tree} depth={1} ctx={ctx} root />
      <div className="sticky bottom-0 rounded border border-slate-300 bg-white p-3">
        <p className="text-sm font-medium text-slate-800">{text["segments.builder.count.label"]}</p>
        <p role="status" aria-live="polite" className="text-lg font-semibold tabular-nums text-slate-900" data-testid="rule-count">{status}</p>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-slate-900">{text["segments.builder.saveAs"]}</legend>
        <label className="flex items-center gap-2 text-sm"><input type="radio" name="kind" value="dynamic" defaultChecked /> {text["segments.builder.saveAs.dynamic"]}</label>
        <label className="flex items-center gap-2 text-sm"><input type="radio" name="kind" value="static" /> {text["segments.builder.saveAs.static"]}</label>
      </fieldset>
      <button type="submit" disabled={saving} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60" data-testid="builder-save">
        {saving ? text["segments.builder.saving"] : text["segments.builder.submit"]}
      </button>
    </form>
  );
}
