import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataToObject, validationError } from "@/lib/auth/guard";
import { fromDatabaseError } from "@/lib/errors";

describe("form input", () => {
  it("turns repeated names into arrays and drops Next's action fields", () => {
    const f = new FormData();
    f.append("roleIds", "a");
    f.append("roleIds", "b");
    f.append("tags[]", "x");
    f.append("name", "张三");
    f.append("$ACTION_ID_123", "");
    expect(formDataToObject(f)).toEqual({ roleIds: ["a", "b"], tags: ["x"], name: "张三" });
  });

  it("maps zod issues to one message per field", () => {
    const r = z.object({ email: z.email("auth.emailInvalid"), n: z.number() }).safeParse({ email: "x", n: "y" });
    const err = validationError(r.error!.issues);
    expect(err.code).toBe("validation");
    expect(err.fieldErrors).toMatchObject({ email: "auth.emailInvalid", n: expect.any(String) });
  });

  it("turns Postgres refusals into safe messages, not raw database text", () => {
    expect(fromDatabaseError({ code: "23505", message: 'duplicate key value violates unique constraint "x"' })?.key).toBe("error.duplicate");
    expect(fromDatabaseError({ code: "42501" })?.code).toBe("forbidden");
    expect(fromDatabaseError(new Error("boom"))).toBeNull();
  });
});
