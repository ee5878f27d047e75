// The what-if before launch (issue 7, point 8): for several offer levels, the
// predicted responders, incremental revenue and profit, from past campaign response
// by RFM segment. Pure arithmetic over the history read by history.ts; every
// assumption it makes is returned as a message key with its numbers, so the page
// states them next to the figures.
//
// The model, per audience segment s and offer level x:
//  * baseline b_s: the response rate of past control groups in s (no contact, no
//    offer); pooled over all segments when s has none; the tenant's stated default
//    (campaign_settings.baseline_response_rate) when no past control exists.
//  * response r_s(x): past treatment response rates in s at each offer value tried,
//    with (0, b_s) as the no-offer point unless a past ¥0 campaign gives one; linear
//    between the offer values tried, flat beyond the largest (no extrapolation).
//    A segment without past treatment uses the pooled points; with no past
//    campaign at all, r(0) = b and r(x > 0) = the stated default response rate.
//  * average order value of a responder: past treatment responders' revenue per
//    responder in s, pooled, else the tenant's mean paid order in the last 365 days.
//  * contacted = audience × (1 − control share); redemption = response (each
//    responder redeems the offer once); cost = responders × offer; profit =
//    incremental revenue × gross margin − cost. Contact costs are not counted.

export type HistoryCell = { segment: string; offer: number; arm: "treatment" | "control"; n: number; responders: number; revenue: number };
export type WhatIfSettings = { baselineRate: number; defaultRate: number; grossMargin: number; fallbackOrderValue: number };
export type Assumption = { key: string; params?: Record<string, string | number> };
export type WhatIfLevel = {
  offer: number;
  contacted: number;
  responseRate: number;
  responders: number;
  incrementalResponders: number;
  incrementalRevenue: number;
  cost: number;
  profit: number;
};
export type WhatIf = { levels: WhatIfLevel[]; hasHistory: boolean; pastCampaigns: number; assumptions: Assumption[] };

type Point = { offer: number; rate: number };
type Pool = { n: number; responders: number; revenue: number };
const rate = (p: Pool) => (p.n > 0 ? p.responders / p.n : 0);

function add<K>(map: Map<K, Pool>, key: K, c: HistoryCell) {
  const p = map.get(key) ?? { n: 0, responders: 0, revenue: 0 };
  p.n += c.n;
  p.responders += c.responders;
  p.revenue += c.revenue;
  map.set(key, p);
}

/** r(x) from points sorted by offer: linear between them, flat outside. */
export function interpolate(points: Point[], x: number): number {
  if (!points.length) return 0;
  if (x <= points[0]!.offer) return points[0]!.rate;
  for (let i = 1; i < points.length; i++) {
    const lo = points[i - 1]!, hi = points[i]!;
    if (x <= hi.offer) return lo.rate + ((hi.rate - lo.rate) * (x - lo.offer)) / (hi.offer - lo.offer);
  }
  return points[points.length - 1]!.rate;
}

function pointsFrom(treatment: Map<number, Pool>, baseline: number): Point[] {
  const pts = [...treatment.entries()].filter(([, p]) => p.n > 0).map(([offer, p]) => ({ offer, rate: rate(p) }));
  if (!pts.some((p) => p.offer === 0)) pts.push({ offer: 0, rate: baseline });
  return pts.sort((a, b) => a.offer - b.offer);
}

/**
 * `audience`: how many of the planned audience fall in each RFM segment ("unscored"
 * for customers without a score). `controlRatio`: the share held out.
 */
export function whatIf(
  audience: Record<string, number>, controlRatio: number, offers: number[], history: HistoryCell[], pastCampaigns: number, settings: WhatIfSettings,
): WhatIf {
  const assumptions: Assumption[] = [];
  const control = new Map<string, Pool>();
  const treatBySeg = new Map<string, Map<number, Pool>>();
  const treatPooled = new Map<number, Pool>();
  const revenueBySeg = new Map<string, Pool>();
  let controlAll: Pool = { n: 0, responders: 0, revenue: 0 };
  const revenueAll: Pool = { n: 0, responders: 0, revenue: 0 };
  for (const c of history) {
    if (c.arm === "control") {
      add(control, c.segment, c);
      controlAll = { n: controlAll.n + c.n, responders: controlAll.responders + c.responders, revenue: controlAll.revenue + c.revenue };
    } else {
      const seg = treatBySeg.get(c.segment) ?? new Map<number, Pool>();
      add(seg, c.offer, c);
      treatBySeg.set(c.segment, seg);
      const pooled = treatPooled.get(c.offer) ?? { n: 0, responders: 0, revenue: 0 };
      treatPooled.set(c.offer, { n: pooled.n + c.n, responders: pooled.responders + c.responders, revenue: pooled.revenue + c.revenue });
      add(revenueBySeg, c.segment, c);
      revenueAll.n += c.n;
      revenueAll.responders += c.responders;
      revenueAll.revenue += c.revenue;
    }
  }
  const hasHistory = treatPooled.size > 0;
  const pooledBaseline = controlAll.n > 0 ? rate(controlAll) : settings.baselineRate;
  const pooledAov = revenueAll.responders > 0 ? revenueAll.revenue / revenueAll.responders : settings.fallbackOrderValue;
  if (!hasHistory) {
    assumptions.push({ key: "campaigns.whatif.assume.noHistory" });
    assumptions.push({ key: "campaigns.whatif.assume.defaultRates", params: { baseline: pct(settings.baselineRate), rate: pct(settings.defaultRate) } });
  } else {
    assumptions.push({ key: "campaigns.whatif.assume.history", params: { campaigns: pastCampaigns } });
    assumptions.push({ key: "campaigns.whatif.assume.interpolate" });
    if (controlAll.n === 0) assumptions.push({ key: "campaigns.whatif.assume.noControl", params: { baseline: pct(settings.baselineRate) } });
  }
  assumptions.push({ key: "campaigns.whatif.assume.aov", params: { aov: round2(pooledAov) } });
  assumptions.push({ key: "campaigns.whatif.assume.redemption" });
  assumptions.push({ key: "campaigns.whatif.assume.margin", params: { margin: pct(settings.grossMargin) } });
  assumptions.push({ key: "campaigns.whatif.assume.control", params: { share: pct(controlRatio) } });

  const segments = Object.entries(audience).filter(([, n]) => n > 0).map(([segment, n]) => {
    const ctl = control.get(segment);
    const baseline = ctl && ctl.n > 0 ? rate(ctl) : pooledBaseline;
    const own = treatBySeg.get(segment);
    const points = !hasHistory
      ? [{ offer: 0, rate: settings.baselineRate }]
      : pointsFrom(own && own.size ? own : treatPooled, baseline);
    const rev = revenueBySeg.get(segment);
    const aov = rev && rev.responders > 0 ? rev.revenue / rev.responders : pooledAov;
    return { contacted: n * (1 - controlRatio), baseline: hasHistory ? baseline : settings.baselineRate, points, aov };
  });

  const levels = offers.map((offer) => {
    let contacted = 0, responders = 0, incremental = 0, incRevenue = 0;
    for (const s of segments) {
      const r = hasHistory ? interpolate(s.points, offer) : offer > 0 ? settings.defaultRate : settings.baselineRate;
      contacted += s.contacted;
      responders += s.contacted * r;
      incremental += s.contacted * (r - s.baseline);
      incRevenue += s.contacted * (r - s.baseline) * s.aov;
    }
    const cost = responders * offer;
    return {
      offer, contacted, responseRate: contacted > 0 ? responders / contacted : 0, responders, incrementalResponders: incremental,
      incrementalRevenue: incRevenue, cost, profit: incRevenue * settings.grossMargin - cost,
    };
  });
  return { levels, hasHistory, pastCampaigns, assumptions };
}

const pct = (x: number) => `${round2(x * 100)}%`;
const round2 = (x: number) => Math.round(x * 100) / 100;
