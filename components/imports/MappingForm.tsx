"use client";
// Step 2: which file column fills which CRM field (pre-filled with the suggestions
// or the tenant's saved mapping for these headers), per-column options, how rows
// find existing customers and what happens to them. Submitting saves it all and
// starts the check (a dry run in the worker); the server re-validates everything.
import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveMappingAction } from "@/app/(app)/imports/actions";
import { FormError } from "@/components/FormError";
import { fillText as fill, mappingProblems } from "@/components/imports/mapping-problems";

export type MappingField = {
  key: string;
  label: string;
  type: string;
  required: boolean;
  /** How the current column was suggested ("from the header", "from the values", …), if it was. */
  suggested: string | null;
};

type FieldState = { column: string; default: string; dateOrder: string; phoneKind: string };

export type MappingText = Record<
  | "title" | "intro" | "caption" | "field" | "column" | "samples" | "options" | "notImported" | "required" | "defaultValue"
  | "defaultFor" | "dateOrder" | "dateOrderFor" | "dateAuto" | "dateMDY" | "dateDMY" | "phoneKind" | "phoneKindFor" | "phoneMobile"
  | "phoneAny" | "matchTitle" | "matchHelp" | "match.externalId" | "match.identity" | "match.phone" | "match.email" | "policyTitle"
  | "policy.fill_empty" | "policy.overwrite" | "policy.skip" | "policyHelp" | "splitAddress" | "saveTemplate" | "templateApplied"
  | "submit" | "submitting" | "requiredMissing" | "columnTwice" | "groupMissing" | "noSamples",
  string
>;

type Props = {
  importId: string;
  entity: string;
  headers: string[];
  samples: Record<string, string[]>;
  fields: MappingField[];
  /** "At least one of" groups: the field keys, how to say it, and their labels as one list. */
  groups: { fields: string[]; message: string; labels: string }[];
  /** For a file that looks like another entity's: the refusal the server would give, `{missing}` for what is missing. */
  wrongEntity: string | null;
  initial: {
    fields: Record<string, { column: string | null; transform?: { default?: string; dateOrder?: string; phoneKind?: string } }>;
    splitAddress: boolean;
    matchKeys: string[];
    policy: string;
    templateApplied: boolean;
  };
  hasAddress: boolean;
  text: MappingText;
};

const MATCH_KEYS = ["externalId", "identity", "phone", "email"] as const;
const POLICIES = ["fill_empty", "overwrite", "skip"] as const;

export function MappingForm({ importId, entity, headers, samples, fields, groups, wrongEntity, initial, hasAddress, text }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<Record<string, FieldState>>(() =>
    Object.fromEntries(fields.map((f) => {
      const m = initial.fields[f.key];
      return [f.key, {
        column: m?.column ?? "", default: m?.transform?.default ?? "", dateOrder: m?.transform?.dateOrder ?? "", phoneKind: m?.transform?.phoneKind ?? "",
      }];
    })),
  );
  const [matchKeys, setMatchKeys] = useState<string[]>(initial.matchKeys);
  const [policy, setPolicy] = useState(initial.policy);
  const [splitAddress, setSplitAddress] = useState(initial.splitAddress);
  const [saveTemplate, setSaveTemplate] = useState(true);

  const set = (key: string, patch: Partial<FieldState>) => setState((s) => ({ ...s, [key]: { ...s[key]!, ...patch } }));
  const used = useMemo(() => {
    const counts = new Map<string, number>();
    for (const v of Object.values(state)) if (v.column) counts.set(v.column, (counts.get(v.column) ?? 0) + 1);
    return counts;
  }, [state]);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = mappingProblems({ fields, groups, text, wrongEntity }, state);
    if (found.length) {
      setError(found.join(" "));
      return;
    }
    const mappingFields: Record<string, { column: string | null; transform?: Record<string, string> }> = {};
    for (const f of fields) {
      const s = state[f.key]!;
      const transform: Record<string, string> = {};
      if (s.default.trim()) transform.default = s.default.trim();
      if (s.dateOrder && (f.type === "date" || f.type === "datetime")) transform.dateOrder = s.dateOrder;
      if (s.phoneKind && f.type === "phone") transform.phoneKind = s.phoneKind;
      if (!s.column && !transform.default) continue;
      mappingFields[f.key] = Object.keys(transform).length ? { column: s.column || null, transform } : { column: s.column || null };
    }
    const mapping = { entity, fields: mappingFields, splitAddress };
    setError(null);
    start(async () => {
      const res = await saveMappingAction({ importId, mapping: JSON.stringify(mapping), matchKeys, policy, saveTemplate });
      if (!res.ok) setError(res.fieldErrors ? Object.values(res.fieldErrors)[0] ?? res.message : res.message);
      else router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="mb-6" data-testid="import-mapping" noValidate>
      <h2 className="mb-1 text-lg font-semibold text-slate-900">{text.title}</h2>
      <p className="mb-3 text-sm text-slate-700">{text.intro}</p>
      {initial.templateApplied ? (
        <p role="status" className="mb-3 rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900" data-testid="template-applied">{text.templateApplied}</p>
      ) : null}
      <FormError message={error} />
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{text.caption}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-800">{text.field}</th>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-800">{text.column}</th>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-800">{text.samples}</th>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-800">{text.options}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => {
              const s = state[f.key]!;
              const id = `map-${f.key}`;
              const values = s.column ? samples[s.column] ?? [] : [];
              const twice = s.column && (used.get(s.column) ?? 0) > 1;
              return (
                <tr key={f.key} className="border-t border-slate-100 align-top" data-testid={`map-row-${f.key}`}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <label htmlFor={id} className="font-medium text-slate-900">{f.label}</label>
                    {f.required ? <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">{text.required}</span> : null}
                    {f.suggested && s.column ? <span className="mt-0.5 block text-xs text-slate-700">{f.suggested}</span> : null}
                  </th>
                  <td className="px-3 py-2">
                    <select
                      id={id} value={s.column} onChange={(e) => set(f.key, { column: e.target.value })}
                      aria-invalid={twice || (f.required && !s.column && !s.default) ? true : undefined}
                      className="w-full min-w-40 rounded border border-slate-400 px-2 py-1 text-slate-900"
                    >
                      <option value="">{text.notImported}</option>
                      {headers.map((h) => <option key={h} value={h}>{h}</option>)}
                    </select>
                  </td>
                  <td className="max-w-xs px-3 py-2 text-slate-800">
                    {values.length ? values.slice(0, 3).map((v, i) => <span key={i} className="mr-2 inline-block max-w-[12rem] truncate rounded bg-slate-100 px-1">{v}</span>) : (
                      <span className="text-slate-600">{s.column ? text.noSamples : ""}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <label className="sr-only" htmlFor={`${id}-default`}>{fill(text.defaultFor, { field: f.label })}</label>
                      <input
                        id={`${id}-default`} value={s.default} onChange={(e) => set(f.key, { default: e.target.value })} placeholder={text.defaultValue}
                        className="w-32 rounded border border-slate-400 px-2 py-1 text-slate-900 placeholder:text-slate-600"
                      />
                      {f.type === "date" || f.type === "datetime" ? (
                        <>
                          <label className="sr-only" htmlFor={`${id}-order`}>{fill(text.dateOrderFor, { field: f.label })}</label>
                          <select id={`${id}-order`} value={s.dateOrder} onChange={(e) => set(f.key, { dateOrder: e.target.value })} className="rounded border border-slate-400 px-2 py-1 text-slate-900">
                            <option value="">{text.dateAuto}</option>
                            <option value="MDY">{text.dateMDY}</option>
                            <option value="DMY">{text.dateDMY}</option>
                          </select>
                        </>
                      ) : null}
                      {f.type === "phone" ? (
                        <>
                          <label className="sr-only" htmlFor={`${id}-kind`}>{fill(text.phoneKindFor, { field: f.label })}</label>
                          <select id={`${id}-kind`} value={s.phoneKind} onChange={(e) => set(f.key, { phoneKind: e.target.value })} className="rounded border border-slate-400 px-2 py-1 text-slate-900">
                            <option value="">{text.phoneAny}</option>
                            <option value="mobile">{text.phoneMobile}</option>
                          </select>
                        </>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {hasAddress ? (
        <label className="mt-3 flex items-center gap-2 text-sm text-slate-900">
          <input type="checkbox" checked={splitAddress} onChange={(e) => setSplitAddress(e.target.checked)} />
          {text.splitAddress}
        </label>
      ) : null}

      <fieldset className="mt-4 rounded border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium text-slate-900">{text.matchTitle}</legend>
        <p id="match-help" className="mb-2 text-sm text-slate-700">{text.matchHelp}</p>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {MATCH_KEYS.map((k) => (
            <label key={k} className="flex items-center gap-1 text-sm text-slate-900">
              <input
                type="checkbox" name="matchKeys" value={k} checked={matchKeys.includes(k)} aria-describedby="match-help"
                onChange={(e) => setMatchKeys((m) => (e.target.checked ? [...m, k] : m.filter((x) => x !== k)))}
              />
              {text[`match.${k}`]}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="mt-4 rounded border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium text-slate-900">{text.policyTitle}</legend>
        <p id="policy-help" className="mb-2 text-sm text-slate-700">{text.policyHelp}</p>
        <div className="flex flex-col gap-1">
          {POLICIES.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} aria-describedby="policy-help" />
              {text[`policy.${p}`]}
            </label>
          ))}
        </div>
      </fieldset>

      <label className="mt-4 flex items-center gap-2 text-sm text-slate-900">
        <input type="checkbox" checked={saveTemplate} onChange={(e) => setSaveTemplate(e.target.checked)} />
        {text.saveTemplate}
      </label>

      <button type="submit" disabled={pending} className="mt-4 rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
