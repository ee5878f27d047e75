// Gender as people write it. Explicit "unknown" marks (未知, 保密, 0) are an empty
// value; anything else not understood is left empty too, with a warning rather than
// an error: a customer row is not worth refusing for its gender cell.
import { msg, ok, type CleanResult } from "@/lib/import/types";

export type Gender = "male" | "female";

const MALE = new Set(["男", "男性", "男士", "先生", "男生", "m", "male", "man", "mr", "mr.", "1", "boy", "男的"]);
const FEMALE = new Set(["女", "女性", "女士", "小姐", "女生", "太太", "f", "female", "woman", "w", "ms", "ms.", "mrs", "mrs.", "miss", "2", "girl", "女的"]);
const UNKNOWN = new Set(["未知", "保密", "不详", "其他", "0", "u", "unknown", "x", "n/a", "-"]);

export function cleanGender(text: string): CleanResult<Gender | null> {
  const value = text.normalize("NFKC").trim().toLowerCase();
  if (MALE.has(value)) return ok("male");
  if (FEMALE.has(value)) return ok("female");
  if (UNKNOWN.has(value)) return ok(null);
  return ok(null, msg("import.warning.genderUnknown"));
}
