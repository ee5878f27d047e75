import { describe, expect, it } from "vitest";
import { guessEntity } from "@/lib/import/guess-entity";
import { en, zh } from "@/lib/i18n/messages/import-guess";
import { IMPORT_ENTITIES } from "@/lib/import/fields";

const MEMBERS = ["会员卡号", "手机号", "等级", "积分", "入会时间"];
const ORDER_LINES = ["订单号", "下单时间", "收货人手机", "商品编码", "商品名称", "数量", "单价"];
const CUSTOMERS = ["姓名", "手机", "性别", "生日", "城市"];

describe("guessEntity", () => {
  it("says a members file uploaded as customers is a member file, naming the columns customers do not know", () => {
    expect(guessEntity("customers", MEMBERS)).toEqual({ entity: "members", columns: ["会员卡号", "等级", "积分"] });
  });

  it("says an order-line file uploaded as members is an order-line file", () => {
    const g = guessEntity("members", ORDER_LINES);
    expect(g?.entity).toBe("orderLines");
    expect(g?.columns).toEqual(["订单号", "下单时间", "商品编码"]);
  });

  it("recognises English headers", () => {
    expect(guessEntity("customers", ["Ticket no", "Phone", "Subject", "Description", "Priority"])?.entity).toBe("serviceTickets");
  });

  it("says nothing when the file fits the chosen entity", () => {
    expect(guessEntity("customers", CUSTOMERS)).toBeNull();
    expect(guessEntity("members", MEMBERS)).toBeNull();
    expect(guessEntity("orderLines", ORDER_LINES)).toBeNull();
  });

  it("says nothing when no other entity fits much better, or there are no headers", () => {
    // Only a phone column: it does not run as customers, but nothing else is clearly meant either.
    expect(guessEntity("customers", ["手机", "备注"])).toBeNull();
    expect(guessEntity("customers", [])).toBeNull();
  });

  it("has a message for every entity in both languages", () => {
    for (const e of IMPORT_ENTITIES) {
      const key = `imports.guess.wrongEntity.${e}` as keyof typeof en;
      expect(en[key], e).toContain("{columnsEn}");
      expect(zh[key], e).toContain("{columnsZh}");
    }
  });
});

describe("imports.undo.notSupported", () => {
  it("names every entity whose imports can be undone, in both languages", async () => {
    const { UNDOABLE_ENTITIES } = await import("@/lib/imports/undo");
    const undo = await import("@/lib/i18n/messages/import-undo");
    const labels = await import("@/lib/i18n/messages/imports");
    expect(UNDOABLE_ENTITIES.length).toBeGreaterThan(4);
    for (const e of UNDOABLE_ENTITIES) {
      const key = `imports.entity.${e}` as keyof typeof labels.en;
      expect(undo.en["imports.undo.notSupported"], e).toContain(labels.en[key].toLowerCase());
      expect(undo.zh["imports.undo.notSupported"], e).toContain(labels.zh[key]);
    }
  });
});
