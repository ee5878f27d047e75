// A member's points and tier, replayed in time order: points are earned when an
// order is received (1 per yuan times the tier's multiplier), taken back when it is
// returned, spent at checkout, and credited for check-ins, surveys and referrals.
// The tier rises when cumulative spend crosses a threshold (never falls, as in most
// Chinese retail programmes). The ledger's balance_after always adds up.
import type { PointsLedgerRow, TierChangeRow } from "@/lib/demo/rows";
import type { DemoWorld } from "@/lib/demo/world";

type Earned = { points: number };

type PointsEvent =
  | { t: number; kind: "earn"; orderId: string; cents: number; earned: Earned }
  | { t: number; kind: "reverse"; orderId: string; cents: number; earned: Earned }
  | { t: number; kind: "credit"; points: number; reason: "interaction" | "referral" | "refund"; orderId: string | null };

export type LoyaltySequences = { points: number; tierChange: number };

export class LoyaltyBook {
  balance = 0;
  private spendCents = 0;
  private tier = 0;
  private pending: PointsEvent[] = [];
  readonly ledger: PointsLedgerRow[] = [];
  readonly tierChanges: TierChangeRow[] = [];

  constructor(
    private readonly world: DemoWorld,
    readonly member: { id: string; joinedAt: number } | null,
    private readonly seq: LoyaltySequences,
  ) {
    if (member) this.changeTier(0, member.joinedAt, "join");
  }

  /** Is the customer a member at instant t (points only accrue to members)? */
  active(t: number): boolean {
    return this.member !== null && t >= this.member.joinedAt;
  }

  get tierId(): string {
    return this.world.tiers[this.tier]!.id;
  }

  schedule(event: PointsEvent): void {
    if (this.active(event.t)) this.pending.push(event);
  }

  /** Applies every scheduled event up to and including instant t, in time order. */
  settle(t: number): void {
    if (!this.pending.length) return;
    this.pending.sort((a, b) => a.t - b.t);
    let i = 0;
    for (; i < this.pending.length && this.pending[i]!.t <= t; i++) this.apply(this.pending[i]!);
    this.pending.splice(0, i);
  }

  /** Spends up to `points` at checkout; returns what was actually spent. */
  redeem(t: number, points: number, orderId: string): number {
    const spent = Math.min(points, this.balance);
    if (spent > 0) this.post(t, -spent, "redeem", orderId);
    return spent;
  }

  private apply(e: PointsEvent): void {
    if (e.kind === "earn") {
      const tier = this.world.tiers[this.tier]!;
      e.earned.points = Math.floor((e.cents / 100) * tier.def.pointsMultiplier);
      if (e.earned.points > 0) this.post(e.t, e.earned.points, "order", e.orderId);
      this.spendCents += e.cents;
      while (this.tier + 1 < this.world.tiers.length && this.spendCents >= this.world.tiers[this.tier + 1]!.thresholdCents) {
        this.changeTier(this.tier + 1, e.t, "spend");
      }
    } else if (e.kind === "reverse") {
      this.spendCents -= e.cents;
      const back = Math.min(e.earned.points, this.balance);
      if (back > 0) this.post(e.t, -back, "refund", e.orderId);
    } else if (e.points > 0) {
      this.post(e.t, e.points, e.reason, e.orderId);
    }
  }

  private post(t: number, delta: number, reason: PointsLedgerRow["reason"], orderId: string | null): void {
    this.balance += delta;
    this.ledger.push({
      id: this.world.ids("points_ledger")(this.seq.points++), memberId: this.member!.id, delta, balanceAfter: this.balance,
      reason, orderId, createdAt: new Date(t),
    });
  }

  private changeTier(to: number, t: number, reason: string): void {
    const from = this.tierChanges.length ? this.world.tiers[this.tier]!.id : null;
    this.tier = to;
    this.tierChanges.push({
      id: this.world.ids("tier_change")(this.seq.tierChange++), memberId: this.member!.id, fromTierId: from,
      toTierId: this.world.tiers[to]!.id, reason, changedAt: new Date(t),
    });
  }
}
