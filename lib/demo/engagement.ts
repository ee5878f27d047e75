// Everything around the orders: marketing messages, WeChat check-ins and
// consultations, salespeople's follow-up calls and store visits (interactions),
// service tickets (more complaints after a return), the tags a salesperson would
// set, and the customer's ids on Tmall, JD and WeChat.
import { chinaDate, DAY_MS } from "@/lib/demo/calendar";
import type { Profile } from "@/lib/demo/customers";
import type { LoyaltyBook } from "@/lib/demo/loyalty";
import type { OrderDraft } from "@/lib/demo/orders";
import { fmix32, hash128, seededUuid, WeightedSampler, type Random } from "@/lib/demo/random";
import type { CustomerIdentityRow, CustomerTagRow, InteractionRow, ServiceTicketRow } from "@/lib/demo/rows";
import type { DemoWorld } from "@/lib/demo/world";

const HOUR = 3_600_000;

export type EngagementSequences = { interaction: number; ticket: number; identity: number };

type Kind = InteractionRow["channel"];
const KINDS = new WeightedSampler<Kind>(["sms", "wechat", "call", "visit", "web", "email"], [0.3, 0.32, 0.08, 0.12, 0.12, 0.06]);

function marketingText(month: number, rng: Random): string {
  if (month === 11 || month === 10) return "【星辰手机】双11 会员狂欢：以旧换新至高补贴 800 元，回复 TD 退订";
  if (month === 6 || month === 5) return "【星辰手机】618 年中大促：iPhone 直降 500 元，会员再享 95 折";
  if (month === 1 || month === 2) return "【星辰手机】新春焕新季：购机送碎屏保障，年货到家";
  if (month === 9) return "【星辰手机】新品首发：iPhone 17 系列到店体验，预约享优先提货";
  return rng.pick(["【星辰手机】会员日：积分兑换好礼，满 1000 分抵 10 元", "【星辰手机】您的专属顾问邀您到店体验新品",
    "【星辰手机】以旧换新估价升级，旧机最高多补 300 元"]);
}

const CONSULT = ["咨询以旧换新估价", "咨询分期免息政策", "咨询新机到货时间", "咨询保修与碎屏保障", "咨询 5G 套餐办理", "咨询发票开具"];

/**
 * Interactions spread over the customer's life (more for frequent buyers), their
 * points scheduled in the loyalty book; follow-up calls come after phone orders.
 */
export function interactionsFor(
  world: DemoWorld, profile: Profile, orderCount: number, book: LoyaltyBook, seq: EngagementSequences, rng: Random,
): InteractionRow[] {
  const { shopping, span, window } = world;
  const rows: InteractionRow[] = [];
  const from = shopping.at(Math.max(profile.acquiredAt, window.start));
  const n = Math.min(40, rng.poisson(0.8 + 0.45 * orderCount));
  for (let k = 0; k < n; k++) {
    const day = shopping.dayAt(from + rng.float() * (shopping.total - from));
    const at = Math.max(profile.acquiredAt + HOUR, span.start + day * DAY_MS + rng.int(9 * 3600, 21 * 3600) * 1000);
    if (at >= window.end) continue;
    let channel = KINDS.sample(rng);
    if (channel === "email" && !profile.email) channel = "sms";
    let type: string, note: string | null = null, points = 0, userId: string | null = null;
    switch (channel) {
      case "sms": type = "marketing"; note = marketingText(chinaDate(at).month, rng); break;
      case "email": type = "newsletter"; note = "《星辰会员月刊》新品与会员活动"; break;
      case "wechat": {
        const x = rng.float();
        if (x < 0.45) { type = "consultation"; note = rng.pick(CONSULT); }
        else if (x < 0.85) { type = "check_in"; points = 5; note = "小程序每日签到"; }
        else { type = "survey"; points = 50; note = "购物满意度问卷"; }
        break;
      }
      case "call": type = "care"; note = rng.pick(["生日关怀电话", "会员权益提醒", "新品到店邀约"]); userId = profile.ownerUserId; break;
      case "visit": type = "store_visit"; note = rng.pick(["到店体验新品", "到店贴膜", "到店咨询维修", "陪同家人选购"]); userId = profile.ownerUserId; break;
      default: type = "browse"; note = `浏览：${rng.pick(world.products).name}`;
    }
    if (points && book.active(at)) book.schedule({ t: at, kind: "credit", points, reason: "interaction", orderId: null });
    else points = 0;
    rows.push({
      id: world.ids("interaction")(seq.interaction++), customerId: profile.id, channel, type, userId,
      pointsEarned: points, note, occurredAt: new Date(at),
    });
  }
  return rows;
}

/** The salesperson calls a few days after a phone is bought in their store. */
export function followUpCall(world: DemoWorld, profile: Profile, draft: OrderDraft, seq: EngagementSequences, rng: Random): InteractionRow | null {
  if (!draft.hasPhone || draft.order.channel !== "store" || !draft.order.paidAt || !profile.ownerUserId || !rng.chance(0.4)) return null;
  const at = draft.order.orderedAt.getTime() + rng.int(3 * 24, 10 * 24) * HOUR;
  if (at >= world.window.end) return null;
  return {
    id: world.ids("interaction")(seq.interaction++), customerId: profile.id, channel: "call", type: "follow_up",
    userId: profile.ownerUserId, pointsEarned: 0, note: rng.pick(["购机回访：使用正常，满意", "购机回访：咨询数据迁移", "购机回访：未接通"]),
    occurredAt: new Date(at),
  };
}

const TICKETS: Record<ServiceTicketRow["kind"], readonly string[]> = {
  consultation: ["以旧换新估价怎么算？", "分期付款需要什么资料？", "碎屏保障如何理赔？", "发票抬头可以修改吗？", "会员积分如何兑换？"],
  complaint: ["快递延误，超过承诺时效未送达", "新机屏幕有亮点，要求换货", "退款迟迟未到账", "门店店员服务态度差", "赠品未随单寄出"],
  suggestion: ["希望门店延长夜间营业时间", "小程序下单流程可以更简单", "建议增加更多配件现货", "希望积分可以抵扣维修费用"],
  praise: ["店员讲解专业耐心", "售后处理及时，点赞", "送货很快，包装完好", "以旧换新流程顺畅"],
};
const TICKET_KIND = new WeightedSampler<ServiceTicketRow["kind"]>(["consultation", "complaint", "suggestion", "praise"], [0.48, 0.2, 0.1, 0.22]);

export function ticketsFor(world: DemoWorld, profile: Profile, drafts: OrderDraft[], seq: EngagementSequences, rng: Random): ServiceTicketRow[] {
  const refunded = drafts.filter((d) => d.order.refundedAt);
  const n = (rng.chance(0.07 + Math.min(drafts.length, 10) * 0.01) ? 1 : 0) + (refunded.length && rng.chance(0.35) ? 1 : 0);
  const rows: ServiceTicketRow[] = [];
  for (let k = 0; k < n; k++) {
    const afterRefund = k === 1 || (refunded.length > 0 && rng.chance(0.5));
    const kind = afterRefund && rng.chance(0.7) ? "complaint" : TICKET_KIND.sample(rng);
    const anchor = afterRefund ? rng.pick(refunded).order.refundedAt!.getTime()
      : drafts.length ? rng.pick(drafts).order.orderedAt.getTime() : Math.max(profile.acquiredAt, world.window.start);
    const openedAt = anchor + rng.int(1, 10 * 24) * HOUR;
    if (openedAt >= world.window.end) continue;
    const closedAt = openedAt + (kind === "complaint" ? rng.int(4, 120) : rng.int(1, 48)) * HOUR;
    const closed = closedAt < world.window.end && !(world.window.end - openedAt < 7 * DAY_MS && rng.chance(0.5));
    const subject = rng.pick(TICKETS[kind]);
    rows.push({
      id: world.ids("service_ticket")(seq.ticket++), customerId: profile.id, kind, status: closed ? "closed" : "open",
      subject, body: rng.chance(0.6) ? `客户来电/留言：${subject}` : null, assigneeUserId: profile.ownerUserId,
      openedAt: new Date(openedAt), closedAt: closed ? new Date(closedAt) : null,
    });
  }
  return rows;
}

/** Tags a salesperson would set, following what the customer is and does. */
export function tagsFor(world: DemoWorld, profile: Profile, drafts: OrderDraft[], spentCents: number, rng: Random): CustomerTagRow[] {
  const names = new Set<string>();
  const fan: Record<string, string> = { Apple: "果粉", 华为: "花粉", 小米: "米粉" };
  if (fan[profile.brand] && rng.chance(0.35)) names.add(fan[profile.brand]!);
  if (profile.occupation === "学生" || (profile.age <= 22 && rng.chance(0.5))) names.add("学生");
  if (profile.age >= 55 && rng.chance(0.6)) names.add("银发族");
  if ((profile.occupation === "企业管理者" || profile.occupation === "白领") && rng.chance(0.3)) names.add("商务人士");
  if (profile.interests.includes("摄影") && rng.chance(0.5)) names.add("摄影爱好者");
  if (profile.interests.includes("手游") && rng.chance(0.5)) names.add("手游玩家");
  if (profile.corporate) names.add("企业采购");
  if (profile.budget === "low" && rng.chance(0.3)) names.add("价格敏感");
  if (spentCents >= 2_000_000 && rng.chance(0.7)) names.add("高价值");
  const lastPhone = drafts.filter((d) => d.hasPhone).at(-1);
  if (lastPhone && world.window.end - lastPhone.order.orderedAt.getTime() > 540 * DAY_MS && rng.chance(0.4)) names.add("以旧换新意向");
  return [...names].map((name) => {
    const at = Math.min(profile.acquiredAt + rng.int(0, 120) * DAY_MS / 4, world.window.end - 1);
    return { customerId: profile.id, tagId: world.tagByName.get(name)!.id, createdAt: new Date(at) };
  });
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Channel ids, unique per channel because each is built from a bijection of the customer index. */
export function identitiesFor(world: DemoWorld, profile: Profile, drafts: OrderDraft[], member: boolean, seq: EngagementSequences, rng: Random): CustomerIdentityRow[] {
  const used = new Map<string, number>();
  for (const d of drafts) if (!used.has(d.order.channel)) used.set(d.order.channel, d.order.orderedAt.getTime());
  if (!used.has("wechat") && (profile.source === "wechat" || (member && rng.chance(0.6)))) used.set("wechat", profile.acquiredAt);
  const key = hash128(`${world.options.seed}\u0000identity`);
  const rows: CustomerIdentityRow[] = [];
  const add = (channel: string, externalId: string, at: number) => rows.push({
    id: world.ids("customer_identity")(seq.identity++), customerId: profile.id, channel, externalId, createdAt: new Date(at),
  });
  const unique = seededUuid(key, profile.index).replaceAll("-", "");
  if (used.has("tmall")) add("tmall", `tb${unique.slice(0, 10)}`, used.get("tmall")!);
  if (used.has("jd")) add("jd", `jd_${unique.slice(0, 8)}${(fmix32(profile.index) % 1000).toString().padStart(3, "0")}`, used.get("jd")!);
  if (used.has("wechat")) {
    let openid = "oX";
    for (let i = 0; i < 32; i += 2) openid += B64[parseInt(unique.slice(i, i + 2), 16) & 63];
    for (let i = openid.length; i < 28; i++) openid += B64[rng.int(0, 63)];
    add("wechat", openid, used.get("wechat")!);
  }
  return rows;
}
