"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";

type Keys = "auth.signUp" | "auth.orgName" | "auth.orgSlug" | "auth.name" | "auth.email" | "auth.password" | "auth.locale" | "auth.creating" | "error.internal";

export function SignUpForm({ text, locale }: { text: Record<Keys, string>; locale: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    const form = new FormData(e.currentTarget);
    const result = await signUpAction(form);
    if (!result.ok) {
      setPending(false);
      setErrors(result.fieldErrors ?? {});
      setMessage(result.message);
      return;
    }
    setErrors({});
    const res = await signIn("credentials", { redirect: false, email: String(form.get("email")), password: String(form.get("password")) });
    if (res?.ok && !res.error) window.location.assign("/");
    else { setPending(false); setMessage(text["error.internal"]); }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={message} />
      <Field label={text["auth.orgName"]} name="orgName" required error={errors.orgName} />
      <Field label={text["auth.orgSlug"]} name="slug" required pattern="[a-z0-9-]+" error={errors.slug} />
      <Field label={text["auth.name"]} name="name" autoComplete="name" required error={errors.name} />
      <Field label={text["auth.email"]} name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field label={text["auth.password"]} name="password" type="password" autoComplete="new-password" required error={errors.password} />
      <div className="mb-4">
        <label htmlFor="f-locale" className="mb-1 block text-sm font-medium text-slate-800">{text["auth.locale"]}</label>
        <select id="f-locale" name="locale" defaultValue={locale} className="w-full rounded border border-slate-400 bg-white px-3 py-2">
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? text["auth.creating"] : text["auth.signUp"]}
      </button>
    </form>
  );
}
