// What a password must be. Returns a message key (lib/i18n) or null when fine.
const COMMON = new Set([
  "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123",
  "11111111", "88888888", "abc12345", "iloveyou", "admin123", "welcome1", "a12345678",
]);

export const PASSWORD_MIN_LENGTH = 10;

export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (password.length > 200) return "password.tooLong";
  if (COMMON.has(password.toLowerCase())) return "password.common";
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "password.needsLetterAndDigit";
  if (new Set(password).size < 5) return "password.tooRepetitive";
  if (email && password.toLowerCase().includes(email.toLowerCase().split("@")[0]!) && email.split("@")[0]!.length >= 4) {
    return "password.containsEmail";
  }
  return null;
}
