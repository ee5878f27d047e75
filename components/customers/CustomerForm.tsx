"use client";
// The create and edit form of a customer. The server action validates, checks the
// scope and the version, and answers with field errors, "possible duplicates" (shown
// here before anything is saved; the user may save anyway) or the saved customer.
// The edit form carries the version it was opened with: if someone else saved in
// between, nothing is overwritten and the user is told to reload.
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { checkDuplicatesAction, createCustomerAction, updateCustomerAction } from "@/app/(app)/customers/actions";
import { FormError } from "@/components/FormError";
import { DuplicateList, type DuplicateListText } from "@/components/customers/DuplicateList";
import type { DuplicateSuggestion } from "@/lib/customers/duplicates";

export type CustomerFormValues = {
  name: string; phone: string; email: string; gender: string; birthday: string; province: string; city: string; district: string;
  address: string; occupation: string; interests: string; sourceChannel: string; homeStoreId: string; ownerUserId: string;
};

export type CustomerFormOptionsView = {
  stores: { id: string; name: string; city: string | null }[];
  owners: { id: string; name: string }[];
  selfId: string;
  mayLeaveUnassigned: boolean;
  provinces: string[];
  cities: string[];
  channels: { value: string; label: string }[];
  genders: { value: string; label: string }[];
  identityChannels: { value: string; label: string }[];
};

export type CustomerFormText = {
  sections: Record<"contact" | "profile" | "assignment" | "identity", string>;
  fields: Record<keyof CustomerFormValues | "identityChannel" | "identityExternalId", string>;
  phoneHelp: string; interestsHelp: string; identityHelp: string; genderNone: string; sourceChannelNone: string; homeStoreNone: string;
  ownerSelf: string; ownerUnassigned: string; ownerFixed: string; identityChannelNone: string;
  maskedPhone: string; maskedEmail: string; removePhone: string; removeEmail: string;
  submit: string; saving: string; cancel: string; noChanges: string; reload: string;
  duplicatesTitle: string; duplicatesBeforeSave: string; duplicatesIntro: string; saveAnyway: string; checking: string;
  duplicateList: DuplicateListText;
};

type Props = {
  mode: "create" | "edit";
  customerId?: string;
  version?: number;
  initial: CustomerFormValues;
  /** Edit only, for a caller without customer:unmask: the masked values shown instead of the real ones. */
  masked?: { phone: string | null; email: string | null } | null;
  /** The current owner's name when they are not among the owners the caller may choose. */
  currentOwner?: { id: string; name: string } | null;
  options: CustomerFormOptionsView;
  text: CustomerFormText;
  locale: string;
  cancelHref: string;
};

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export function CustomerForm({ mode, customerId, version, initial, masked, currentOwner, options, text, locale, cancelHref }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // Duplicates the last save stopped at (must be acknowledged), and those found while typing.
  const [blocking, setBlocking] = useState<DuplicateSuggestion[] | null>(null);
  const [live, setLive] = useState<DuplicateSuggestion[]>([]);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    // Take the keyboard to the first field that needs fixing.
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [fieldErrors]);

  const formatDate = (d: Date) => new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(d));

  function save(acknowledged: string[]) {
    const formEl = formRef.current;
    if (!formEl) return;
    const form = new FormData(formEl);
    for (const id of acknowledged) form.append("acknowledgedDuplicates[]", id);
    setNotice(null);
    start(async () => {
      const result = mode === "create" ? await createCustomerAction(form) : await updateCustomerAction(form);
      if (!result.ok) {
        setError(result.message);
        setConflict(result.code === "conflict");
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setError(null);
      setConflict(false);
      setFieldErrors({});
      if (result.data.status === "duplicates") {
        setBlocking(result.data.duplicates);
        return;
      }
      setBlocking(null);
      if (mode === "edit" && result.data.changed.length === 0) {
        setNotice(text.noChanges);
        return;
      }
      router.push(`/customers/${result.data.id}?${mode === "create" ? "created" : "saved"}=1`);
    });
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    save([]);
  }

  async function checkDuplicates() {
    const formEl = formRef.current;
    if (!formEl) return;
    const f = new FormData(formEl);
    const value = (k: string) => String(f.get(k) ?? "");
    if (!value("phone") && !value("email") && !value("identityExternalId")) {
      setLive([]);
      return;
    }
    setChecking(true);
    const result = await checkDuplicatesAction({
      customerId: customerId ?? "", phone: value("phone"), email: value("email"),
      identityChannel: value("identityChannel"), identityExternalId: value("identityExternalId"),
    });
    setChecking(false);
    if (result.ok) setLive(result.data);
  }

  const err = (name: string) => (fieldErrors[name] ? <p id={`cf-${name}-error`} role="alert" className="mt-1 text-sm text-red-700">{fieldErrors[name]}</p> : null);
  const aria = (name: string, help?: string) => ({
    "aria-invalid": fieldErrors[name] ? true : undefined,
    "aria-describedby": [help, fieldErrors[name] ? `cf-${name}-error` : null].filter(Boolean).join(" ") || undefined,
  });
  const textField = (name: keyof CustomerFormValues, props: React.InputHTMLAttributes<HTMLInputElement> = {}, help?: string) => (
    <div>
      <label htmlFor={`cf-${name}`} className={label}>{text.fields[name]}</label>
      <input id={`cf-${name}`} name={name} defaultValue={initial[name]} className={input} {...aria(name, help ? `cf-${name}-help` : undefined)} {...props} />
      {help ? <p id={`cf-${name}-help`} className="mt-1 text-xs text-slate-700">{help}</p> : null}
      {err(name)}
    </div>
  );

  const ownerChoices = [...options.owners];
  if (currentOwner && !ownerChoices.some((o) => o.id === currentOwner.id)) ownerChoices.unshift(currentOwner);
  const ownerFixed = mode === "create" && ownerChoices.length <= 1 && !options.mayLeaveUnassigned;
  const shownDuplicates = blocking ?? live;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6" data-testid="customer-form">
      <FormError message={error} />
      {conflict ? (
        <p className="-mt-2">
          <button type="button" onClick={() => router.refresh()} className="text-blue-700 underline">{text.reload}</button>
        </p>
      ) : null}
      {notice ? <p role="status" className="rounded border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800">{notice}</p> : null}
      {mode === "edit" ? (
        <>
          <input type="hidden" name="customerId" value={customerId} />
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">{text.sections.contact}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">{textField("name", { required: true, maxLength: 100, autoComplete: "off" })}</div>
          <div>
            <label htmlFor="cf-phone" className={label}>{text.fields.phone}</label>
            <input id="cf-phone" name="phone" type="tel" inputMode="tel" defaultValue={initial.phone} onBlur={checkDuplicates} className={input} autoComplete="off"
              {...aria("phone", masked?.phone ? "cf-phone-help cf-phone-masked" : "cf-phone-help")} />
            <p id="cf-phone-help" className="mt-1 text-xs text-slate-700">{text.phoneHelp}</p>
            {masked?.phone ? (
              <>
                <input type="hidden" name="keepPhone" value="1" />
                <p id="cf-phone-masked" className="mt-1 text-xs text-slate-700">{fill(text.maskedPhone, { value: masked.phone })}</p>
                <label className="mt-1 flex items-center gap-2 text-sm text-slate-800"><input type="checkbox" name="removePhone" value="1" /> {text.removePhone}</label>
              </>
            ) : null}
            {err("phone")}
          </div>
          <div>
            <label htmlFor="cf-email" className={label}>{text.fields.email}</label>
            <input id="cf-email" name="email" type="email" defaultValue={initial.email} onBlur={checkDuplicates} className={input} autoComplete="off"
              {...aria("email", masked?.email ? "cf-email-masked" : undefined)} />
            {masked?.email ? (
              <>
                <input type="hidden" name="keepEmail" value="1" />
                <p id="cf-email-masked" className="mt-1 text-xs text-slate-700">{fill(text.maskedEmail, { value: masked.email })}</p>
                <label className="mt-1 flex items-center gap-2 text-sm text-slate-800"><input type="checkbox" name="removeEmail" value="1" /> {text.removeEmail}</label>
              </>
            ) : null}
            {err("email")}
          </div>
        </div>
      </fieldset>

      <section aria-live="polite" aria-labelledby="cf-duplicates-title" className={shownDuplicates.length || checking ? "rounded-lg border border-amber-300 bg-amber-50 p-4" : "sr-only"} data-testid="form-duplicates">
        <h2 id="cf-duplicates-title" className="text-base font-semibold text-amber-950">{text.duplicatesTitle}</h2>
        {checking ? <p className="text-sm text-slate-800">{text.checking}</p> : null}
        {shownDuplicates.length ? (
          <>
            <p className="mt-1 text-sm text-amber-950">{blocking ? text.duplicatesBeforeSave : text.duplicatesIntro}</p>
            <DuplicateList duplicates={shownDuplicates} text={text.duplicateList} formatDate={formatDate} mergeFrom={mode === "edit" ? customerId : null} />
            {blocking ? (
              <button type="button" disabled={pending} onClick={() => save(blocking.map((d) => d.id))}
                className="mt-2 rounded border border-amber-700 bg-white px-4 py-2 font-medium text-amber-950 hover:bg-amber-100 disabled:opacity-60">
                {text.saveAnyway}
              </button>
            ) : null}
          </>
        ) : null}
      </section>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">{text.sections.profile}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <label htmlFor="cf-gender" className={label}>{text.fields.gender}</label>
            <select id="cf-gender" name="gender" defaultValue={initial.gender} className={input} {...aria("gender")}>
              <option value="">{text.genderNone}</option>
              {options.genders.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}
            </select>
            {err("gender")}
          </div>
          {textField("birthday", { type: "date", min: "1900-01-01" })}
          {textField("occupation", { maxLength: 50 })}
          <div>
            <label htmlFor="cf-province" className={label}>{text.fields.province}</label>
            <input id="cf-province" name="province" list="cf-provinces" defaultValue={initial.province} maxLength={50} className={input} {...aria("province")} />
            <datalist id="cf-provinces">{options.provinces.map((p) => <option key={p} value={p} />)}</datalist>
            {err("province")}
          </div>
          <div>
            <label htmlFor="cf-city" className={label}>{text.fields.city}</label>
            <input id="cf-city" name="city" list="cf-cities" defaultValue={initial.city} maxLength={50} className={input} {...aria("city")} />
            <datalist id="cf-cities">{options.cities.map((c) => <option key={c} value={c} />)}</datalist>
            {err("city")}
          </div>
          {textField("district", { maxLength: 50 })}
          <div className="sm:col-span-2 lg:col-span-3">{textField("address", { maxLength: 200 })}</div>
          <div className="sm:col-span-2">{textField("interests", {}, text.interestsHelp)}</div>
          <div>
            <label htmlFor="cf-sourceChannel" className={label}>{text.fields.sourceChannel}</label>
            <select id="cf-sourceChannel" name="sourceChannel" defaultValue={initial.sourceChannel} className={input} {...aria("sourceChannel")}>
              <option value="">{text.sourceChannelNone}</option>
              {options.channels.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
            {err("sourceChannel")}
          </div>
        </div>
      </fieldset>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">{text.sections.assignment}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="cf-homeStoreId" className={label}>{text.fields.homeStoreId}</label>
            <select id="cf-homeStoreId" name="homeStoreId" defaultValue={initial.homeStoreId} className={input} {...aria("homeStoreId")}>
              <option value="">{text.homeStoreNone}</option>
              {options.stores.map((s) => <option key={s.id} value={s.id}>{s.city ? `${s.name}（${s.city}）` : s.name}</option>)}
            </select>
            {err("homeStoreId")}
          </div>
          <div>
            {ownerFixed ? (
              <>
                <p className={label}>{text.fields.ownerUserId}</p>
                <p className="text-sm text-slate-800" data-testid="owner-fixed">{text.ownerFixed}</p>
              </>
            ) : (
              <>
                <label htmlFor="cf-ownerUserId" className={label}>{text.fields.ownerUserId}</label>
                <select id="cf-ownerUserId" name="ownerUserId" defaultValue={initial.ownerUserId} className={input} {...aria("ownerUserId")}>
                  {options.mayLeaveUnassigned || (mode === "edit" && !initial.ownerUserId) ? <option value="">{text.ownerUnassigned}</option> : null}
                  {ownerChoices.map((o) => (
                    <option key={o.id} value={o.id}>{o.id === options.selfId ? fill(text.ownerSelf, { name: o.name }) : o.name}</option>
                  ))}
                </select>
              </>
            )}
            {err("ownerUserId")}
          </div>
        </div>
      </fieldset>

      {mode === "create" ? (
        <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">{text.sections.identity}</legend>
          <p id="cf-identity-help" className="mb-3 text-xs text-slate-700">{text.identityHelp}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="cf-identityChannel" className={label}>{text.fields.identityChannel}</label>
              <select id="cf-identityChannel" name="identityChannel" defaultValue="" className={input} {...aria("identityChannel", "cf-identity-help")}>
                <option value="">{text.identityChannelNone}</option>
                {options.identityChannels.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
              </select>
              {err("identityChannel")}
            </div>
            <div>
              <label htmlFor="cf-identityExternalId" className={label}>{text.fields.identityExternalId}</label>
              <input id="cf-identityExternalId" name="identityExternalId" maxLength={100} onBlur={checkDuplicates} className={input} autoComplete="off"
                {...aria("identityExternalId", "cf-identity-help")} />
              {err("identityExternalId")}
            </div>
          </div>
        </fieldset>
      ) : null}

      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? text.saving : text.submit}
        </button>
        <Link href={cancelHref} className="text-blue-700 underline">{text.cancel}</Link>
      </div>
    </form>
  );
}
