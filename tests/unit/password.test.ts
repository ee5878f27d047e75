import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("Correct-Horse-42");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("Correct-Horse-42", hash)).toBe(true);
    expect(await verifyPassword("correct-horse-42", hash)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    expect(await hashPassword("Same-Password-1")).not.toBe(await hashPassword("Same-Password-1"));
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });
});

describe("password policy", () => {
  it.each([
    ["short1", "password.tooShort"],
    ["password123", "password.common"],
    ["abcdefghijkl", "password.needsLetterAndDigit"],
    ["1212121212a", "password.tooRepetitive"],
    ["Good-Pass-2026", null],
  ])("%s → %s", (pw, problem) => {
    expect(passwordProblem(pw)).toBe(problem);
  });

  it("refuses a password that contains the e-mail's name", () => {
    expect(passwordProblem("zhangwei-2026!", "zhangwei@example.com")).toBe("password.containsEmail");
  });
});
