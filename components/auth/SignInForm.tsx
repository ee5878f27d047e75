"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Field } from "@/components/Field";
import { FormError } from "@/components/FormError";

type Text = Record<"auth.signIn" | "auth.email" | "auth.password" | "auth.invalid" | "auth.rateLimited" | "auth.noTenant" | "auth.signingIn" | "error.internal", string>;

const REASONS: Record<string, keyof Text> = {
  invalid: "auth.invalid", rate_limited: "auth.rateLimited", no_tenant: "auth.noTenant", CredentialsSignin: "auth.invalid",
};

export function SignInForm({ text, email: initialEmail }: { text: Text; email?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (res?.ok && !res.error) {
      window.location.assign("/");
      return;
    }
    setPending(false);
    setError(text[REASONS[res?.error ?? ""] ?? "error.internal"]);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={error} />
      <Field label={text["auth.email"]} name="email" type="email" autoComplete="username" required defaultValue={initialEmail} />
      <Field label={text["auth.password"]} name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? text["auth.signingIn"] : text["auth.signIn"]}
      </button>
    </form>
  );
}
