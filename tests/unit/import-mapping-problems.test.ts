// The mapping form's own check (components/imports/mapping-problems.ts): plain messages
// for a file that fits its entity; for one that looks like another entity's, the
// server's refusal naming the first thing missing — a required field, else an
// "at least one of" group — with a column chosen twice still said after it.
import { describe, expect, it } from "vitest";
import { mappingProblems, type MappingCheck } from "@/components/imports/mapping-problems";

const check = (wrongEntity: string | null): MappingCheck => ({
  fields: [
    { key: "memberNo", label: "会员号", required: true },
    { key: "points", label: "积分", required: false },
    { key: "customerPhone", label: "客户手机", required: false },
    { key: "customerEmail", label: "客户邮箱", required: false },
  ],
  groups: [{ fields: ["customerPhone", "customerEmail"], message: "以下字段至少要对应一列：客户手机、客户邮箱。", labels: "客户手机、客户邮箱" }],
  text: { requiredMissing: "请为必填字段“{field}”选择一列（或填写默认值）。", columnTwice: "“{column}”列被选给了多个字段。" },
  wrongEntity,
});
const WRONG = "这个文件看起来是订单文件（订单号）：请把导入类型选为“订单”。按当前类型，以下字段没有对应的列：{missing}。";
const pick = (column: string, value = "") => ({ column, default: value });

describe("the mapping form's own check", () => {
  it("says each plain problem when the file fits its entity", () => {
    expect(mappingProblems(check(null), { points: pick("A"), customerPhone: pick("A") })).toEqual([
      "请为必填字段“会员号”选择一列（或填写默认值）。", "“A”列被选给了多个字段。",
    ]);
    expect(mappingProblems(check(null), { memberNo: pick("", "M1") })).toEqual(["以下字段至少要对应一列：客户手机、客户邮箱。"]);
    expect(mappingProblems(check(null), { memberNo: pick("B"), customerEmail: pick("C") })).toEqual([]);
  });

  it("names the better entity and the missing required field, as the server does", () => {
    expect(mappingProblems(check(WRONG), {})).toEqual([
      "这个文件看起来是订单文件（订单号）：请把导入类型选为“订单”。按当前类型，以下字段没有对应的列：会员号。",
    ]);
  });

  it("names the missing group when every required field has a column, and keeps a column chosen twice", () => {
    expect(mappingProblems(check(WRONG), { memberNo: pick("A"), points: pick("A") })).toEqual([
      "这个文件看起来是订单文件（订单号）：请把导入类型选为“订单”。按当前类型，以下字段没有对应的列：客户手机、客户邮箱。",
      "“A”列被选给了多个字段。",
    ]);
  });

  it("says nothing of another entity once nothing is missing", () => {
    expect(mappingProblems(check(WRONG), { memberNo: pick("A"), customerPhone: pick("B") })).toEqual([]);
  });
});
