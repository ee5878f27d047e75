// Sign-up: a new organization and its owner. Cross-tenant by nature, so it uses the
// platform path (through unsafeProvisionTenant); it refuses a taken e-mail or slug
// with a field error and creates nothing in that case.
import { z } from "zod";
import { passwordProblem } from "@/lib/auth/password-policy";
import { AppError } from "@/lib/errors";
import { unsafeProvisionTenant } from "@/lib/tenants/provision";
import { normalizeEmail, unsafeFindAccountByEmail } from "@/lib/users/accounts";
import { unsafePlatformTransaction } from "@/lib/db/unsafe-platform";

export const emailField = z.string().trim().toLowerCase().pipe(z.email({ message: "auth.emailInvalid" }));
export const passwordField = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const signUpSchema = z
  .object({
    orgName: z.string().trim().min(1, "auth.nameRequired").max(100),
    slug: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "auth.slugInvalid"),
    name: z.string().trim().min(1, "auth.nameRequired").max(100),
    email: emailField,
    password: passwordField,
    locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem === "password.containsEmail") ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export async function signUp(input: z.output<typeof signUpSchema>) {
  if (await unsafeFindAccountByEmail(input.email)) {
    throw new AppError("conflict", "auth.emailTaken", {}, { email: "auth.emailTaken" });
  }
  const slugTaken = await unsafePlatformTransaction((tx) => tx.tenant.findUnique({ where: { slug: input.slug } }));
  if (slugTaken) throw new AppError("conflict", "auth.slugTaken", {}, { slug: "auth.slugTaken" });
  try {
    return await unsafeProvisionTenant({
      name: input.orgName, slug: input.slug, locale: input.locale,
      owner: { email: normalizeEmail(input.email), name: input.name, password: input.password },
    });
  } catch (err) {
    // Two sign-ups racing for the same e-mail or slug: the unique index decides.
    const target = String((err as { meta?: { target?: unknown } }).meta?.target ?? (err as Error).message);
    if ((err as { code?: string }).code === "P2002" || /unique/i.test(String((err as Error).message))) {
      const field = /slug/.test(target) ? "slug" : "email";
      throw new AppError("conflict", field === "slug" ? "auth.slugTaken" : "auth.emailTaken", {}, {
        [field]: field === "slug" ? "auth.slugTaken" : "auth.emailTaken",
      });
    }
    throw err;
  }
}
