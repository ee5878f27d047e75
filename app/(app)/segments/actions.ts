"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { segmentFromForm } from "@/lib/segments/form";
import { createSegment } from "@/lib/segments/mutations";
import { countRuleMembers } from "@/lib/segments/rule-count";
import { parseRuleTree } from "@/lib/segments/rule-tree";

const MAX_FILE_BYTES = 2 * 1024 * 1024;
// The form is read in the handler: its fields depend on the kind, and the list may come as a file.
const formFields = z.record(z.string(), z.unknown());

export const createSegmentAction = defineAction("segment:manage", formFields, async (ctx, raw) => {
  let listText = "";
  const file = raw.listFile;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) throw new AppError("validation", "segments.error.fileTooLarge", {}, { listFile: "segments.error.fileTooLarge" });
    listText = await file.text();
  }
  const form = segmentFromForm(raw, listText);
  const result = await createSegment(ctx, form);
  revalidatePath("/segments");
  return result;
});

/** The rule builder's live count: members the tree would have now, in the caller's scope. */
export const countRulesAction = defineAction("segment:manage", z.object({ rules: z.string().max(100_000) }), async (ctx, { rules }) => {
  const tree = parseRuleTree(rules);
  if (!tree.ok) throw new AppError("validation", tree.error, {}, { rules: tree.error });
  return countRuleMembers(ctx, tree.tree);
});
