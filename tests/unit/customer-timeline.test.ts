import { describe, expect, it } from "vitest";
import { buildTimeline } from "@/lib/customers/timeline";
import { ageOn, todayIn } from "@/lib/format/age";

const t = (iso: string) => new Date(iso);

describe("buildTimeline", () => {
  it("merges orders' status times, interactions, tickets and touches, newest first", () => {
    const events = buildTimeline({
      registeredAt: t("2024-01-01T00:00:00Z"),
      orders: [{
        id: "o1", orderNo: "MD1", orderedAt: t("2024-02-01T10:00:00Z"), paidAt: t("2024-02-01T10:00:00Z"), shippedAt: t("2024-02-02T00:00:00Z"),
        receivedAt: t("2024-02-04T00:00:00Z"), reviewedAt: null, refundedAt: t("2024-02-10T00:00:00Z"),
      }],
      interactions: [{ occurredAt: t("2024-02-03T00:00:00Z"), channel: "call", type: "care", note: "生日关怀", campaignName: null }],
      tickets: [{ openedAt: t("2024-02-05T00:00:00Z"), closedAt: t("2024-02-06T00:00:00Z"), kind: "complaint", subject: "屏幕划痕" }],
      touches: [{ createdAt: t("2024-01-20T00:00:00Z"), sentAt: t("2024-01-21T00:00:00Z"), channel: "sms", status: "sent", campaignName: "春节促销" }],
    });
    expect(events.map((e) => ("step" in e ? `${e.kind}:${e.step}` : e.kind))).toEqual([
      "order:refunded", "ticket:closed", "ticket:opened", "order:received", "interaction", "order:shipped",
      "order:paid", "order:ordered", "touch", "registered",
    ]);
    expect(events.find((e) => e.kind === "touch")!.at).toEqual(t("2024-01-21T00:00:00Z"));
  });

  it("keeps only the newest events", () => {
    const interactions = Array.from({ length: 100 }, (_, i) => ({
      occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000), channel: "web", type: "browse", note: null, campaignName: null,
    }));
    const events = buildTimeline({ registeredAt: null, orders: [], interactions, tickets: [], touches: [] }, 10);
    expect(events).toHaveLength(10);
    expect(events[0]!.at).toEqual(interactions[99]!.occurredAt);
  });
});

describe("age", () => {
  it("counts whole years, birthday included", () => {
    const birthday = t("1990-06-15T00:00:00Z");
    expect(ageOn(birthday, t("2025-06-14T00:00:00Z"))).toBe(34);
    expect(ageOn(birthday, t("2025-06-15T00:00:00Z"))).toBe(35);
    expect(ageOn(t("2030-01-01T00:00:00Z"), t("2025-01-01T00:00:00Z"))).toBeNull();
  });

  it("takes today's date in the tenant's zone", () => {
    expect(todayIn("Asia/Shanghai", t("2025-06-14T17:00:00Z")).toISOString()).toBe("2025-06-15T00:00:00.000Z");
    expect(todayIn("UTC", t("2025-06-14T17:00:00Z")).toISOString()).toBe("2025-06-14T00:00:00.000Z");
  });
});
