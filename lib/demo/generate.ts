// The generator proper: customer after customer, in acquisition order, everything
// that customer brings (profile, orders, membership and points, interactions,
// tickets, tags, channel ids, who referred them). It streams: only the current
// customer and a small pool of recent customers (candidate referrers) are in memory,
// so millions of customers cost no more memory than a thousand.
import { DAY_MS } from "@/lib/demo/calendar";
import { customerProfile, type Profile } from "@/lib/demo/customers";
import { followUpCall, identitiesFor, interactionsFor, ticketsFor, tagsFor } from "@/lib/demo/engagement";
import { LoyaltyBook } from "@/lib/demo/loyalty";
import { applyPointsDiscount, draftOrder, paidCents, planOrders, type OrderDraft } from "@/lib/demo/orders";
import { hash128, Random } from "@/lib/demo/random";
import type { CustomerBundle, CustomerRow, ReferralRow } from "@/lib/demo/rows";
import type { DemoWorld } from "@/lib/demo/world";

const MEMBER_SHARE = { store: 0.85, wechat: 0.92, tmall: 0.35, jd: 0.3 } as const;
const REFERRAL_SHARE = 0.07;
const REFERRER_POOL = 300;
const REFERRAL_REWARD = 300;
const REFERRAL_WELCOME = 200;

type PoolEntry = { id: string; at: number };

export class DemoGenerator {
  private readonly key: readonly number[];
  private readonly seq = { order: 0, item: 0, points: 0, tierChange: 0, interaction: 0, ticket: 0, identity: 0, referral: 0 };
  private readonly referrers = new Map<string, PoolEntry[]>();
  private nextIndex = 0;

  constructor(readonly world: DemoWorld) {
    this.key = hash128(`${world.options.seed}\u0000customer`);
  }

  /** All customers, in order. */
  *bundles(): Generator<CustomerBundle> {
    while (this.nextIndex < this.world.options.customers) yield this.next();
  }

  /** The next customer (sequences carry over from one customer to the next). */
  next(): CustomerBundle {
    const index = this.nextIndex++;
    const { world, seq } = this;
    const rng = new Random(this.key, index);
    const profile = customerProfile(world, index, rng);
    const plans = planOrders(world, profile, rng);

    const isMember = !profile.buyer || rng.chance(MEMBER_SHARE[profile.source]);
    const joinedAt = profile.source === "store" || profile.source === "wechat"
      ? profile.acquiredAt - rng.int(1, 20) * 60_000 : profile.acquiredAt;
    const memberId = world.ids("member")(index);
    const book = new LoyaltyBook(world, isMember ? { id: memberId, joinedAt } : null, seq);

    const referral = this.referral(profile, rng);
    if (referral) book.schedule({ t: joinedAt, kind: "credit", points: REFERRAL_WELCOME, reason: "referral", orderId: null });

    const interactions = interactionsFor(world, profile, plans.length, book, seq, rng);
    const drafts: OrderDraft[] = [];
    let lastPhoneAt: number | null = null;
    for (const plan of plans) {
      book.settle(plan.at);
      const draft = draftOrder(world, profile, plan, lastPhoneAt, seq, rng);
      const { order } = draft;
      // Members with points to spare use some at checkout (100 points = ¥1, up to 20 % of the order).
      if (order.paidAt && book.active(plan.at) && book.balance >= 1000 && rng.chance(0.2)) {
        const want = Math.floor(Math.min(book.balance, 5000, (draft.amountCents - draft.discountCents) * 0.2) / 100) * 100;
        const spent = want > 0 ? book.redeem(plan.at, want, order.id) : 0;
        if (spent) {
          applyPointsDiscount(draft, spent);
          if (order.refundedAt) book.schedule({ t: order.refundedAt.getTime(), kind: "credit", points: spent, reason: "refund", orderId: order.id });
        }
      }
      if (order.receivedAt) {
        const earned = { points: 0 };
        const cents = paidCents(draft);
        book.schedule({ t: order.receivedAt.getTime(), kind: "earn", orderId: order.id, cents, earned });
        if (order.refundedAt && order.refundedAt > order.receivedAt) {
          book.schedule({ t: order.refundedAt.getTime(), kind: "reverse", orderId: order.id, cents, earned });
        }
      }
      if (draft.hasPhone && order.paidAt) lastPhoneAt = plan.at;
      const call = followUpCall(world, profile, draft, seq, rng);
      if (call) interactions.push(call);
      drafts.push(draft);
    }
    book.settle(world.window.end - 1);

    const bought = drafts.filter((d) => d.order.paidAt);
    const spentCents = bought.reduce((sum, d) => sum + (d.order.refundedAt ? 0 : paidCents(d)), 0);
    const customer = this.customerRow(profile, bought);
    if (profile.buyer) this.remember(profile);
    return {
      index,
      customer,
      identities: identitiesFor(world, profile, drafts, isMember, seq, rng),
      tags: tagsFor(world, profile, drafts, spentCents, rng),
      member: isMember ? {
        id: memberId, customerId: profile.id, memberNo: `XC${String(index + 1).padStart(9, "0")}`, tierId: book.tierId,
        joinedAt: new Date(joinedAt), pointsBalance: book.balance, createdAt: new Date(joinedAt),
      } : null,
      tierChanges: book.tierChanges,
      orders: drafts.map((d) => d.order),
      items: drafts.flatMap((d) => d.items),
      points: book.ledger,
      interactions,
      tickets: ticketsFor(world, profile, drafts, seq, rng),
      referral,
    };
  }

  private customerRow(p: Profile, bought: OrderDraft[]): CustomerRow {
    const first = bought[0]?.order.orderedAt ?? null;
    const last = bought.at(-1)?.order.orderedAt ?? null;
    return {
      id: p.id, externalId: p.externalId, name: p.name, gender: p.gender, birthday: p.birthday, phone: p.phone, email: p.email,
      province: p.province, city: p.city, district: p.district, address: p.address, occupation: p.occupation,
      interests: p.interests, sourceChannel: p.source, ownerUserId: p.ownerUserId, homeStoreId: p.home.id,
      departmentId: p.home.departmentId, firstOrderAt: first, lastOrderAt: last, createdAt: new Date(p.acquiredAt),
      updatedAt: new Date(Math.max(p.acquiredAt, last?.getTime() ?? 0)),
    };
  }

  /** 老带新: some customers were brought by an earlier customer of the same city. */
  private referral(profile: Profile, rng: Random): ReferralRow | null {
    if (profile.acquiredAt < this.world.window.start + 30 * DAY_MS || !rng.chance(REFERRAL_SHARE)) return null;
    const pool = (this.referrers.get(profile.city) ?? []).filter((e) => e.at < profile.acquiredAt - DAY_MS);
    if (!pool.length) return null;
    const referrer = rng.pick(pool);
    return {
      id: this.world.ids("referral")(this.seq.referral++), referrerCustomerId: referrer.id, referredCustomerId: profile.id,
      referredAt: new Date(profile.acquiredAt), rewardPoints: REFERRAL_REWARD,
    };
  }

  private remember(profile: Profile): void {
    const pool = this.referrers.get(profile.city) ?? [];
    pool.push({ id: profile.id, at: profile.acquiredAt });
    if (pool.length > REFERRER_POOL) pool.shift();
    this.referrers.set(profile.city, pool);
  }
}
