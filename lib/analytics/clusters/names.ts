// Readable, deterministic cluster names from the profiles: each feature of
// the vocabulary is called high / mid / low by where the cluster's mean sits
// relative to everyone (profile.relative, in standard deviations of the
// clustering features: above +threshold high, below −threshold low), and the
// words are joined in the vocabulary's order, e.g.
//   "High value · frequent · recent"  /  "高价值·高频·近期活跃".
// Names are distinct: when two clusters would share one, the cluster with
// the larger revenue share (then size, then number) keeps it and the others
// get " (2)", " (3)", … in that order.
import type { Locale } from "@/lib/i18n/translate";
import type { ClusterProfiles } from "./profile";

export type Level = "high" | "mid" | "low";
export type Words = Record<Locale, string>;

export interface FeatureVocabulary {
  /** feature name as in the profiles' featureNames */
  feature: string;
  high: Words;
  low: Words;
  /** words for a cluster near the overall mean; the feature is left out of the name when absent */
  mid?: Words;
}

/**
 * RFM: recency is days since the last purchase, so a HIGH value means the
 * customer has been away long ("lapsed") and a LOW one "recent".
 */
export const RFM_VOCABULARY: readonly FeatureVocabulary[] = [
  { feature: "monetary", high: { en: "high value", "zh-CN": "高价值" }, mid: { en: "mid value", "zh-CN": "中等价值" }, low: { en: "low value", "zh-CN": "低价值" } },
  { feature: "frequency", high: { en: "frequent", "zh-CN": "高频" }, mid: { en: "occasional", "zh-CN": "中频" }, low: { en: "infrequent", "zh-CN": "低频" } },
  { feature: "recency", high: { en: "lapsed", "zh-CN": "久未购买" }, mid: { en: "cooling", "zh-CN": "活跃减退" }, low: { en: "recent", "zh-CN": "近期活跃" } },
];

/** Generic words for an extra feature: "high tenure" / "高会员时长"; left out when near the mean. */
export function featureWords(feature: string, label: Words): FeatureVocabulary {
  return { feature, high: { en: `high ${label.en}`, "zh-CN": `高${label["zh-CN"]}` }, low: { en: `low ${label.en}`, "zh-CN": `低${label["zh-CN"]}` } };
}

export interface ClusterName {
  cluster: number;
  name: Words;
  /** level of each vocabulary feature, by feature name */
  levels: Record<string, Level>;
}

export interface NameOptions {
  vocabulary?: readonly FeatureVocabulary[];
  /** |relative| beyond this many standard deviations is high / low (default 0.5) */
  threshold?: number;
}

const SEPARATOR: Words = { en: " · ", "zh-CN": "·" };
const AVERAGE: Words = { en: "Average", "zh-CN": "整体平均" };
const EMPTY: Words = { en: "Empty", "zh-CN": "空" };

const capitalize = (s: string) => (s.length ? s[0].toUpperCase() + s.slice(1) : s);

export function nameClusters(profiles: ClusterProfiles, options: NameOptions = {}): ClusterName[] {
  const vocabulary = options.vocabulary ?? RFM_VOCABULARY;
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0)) throw new RangeError(`threshold must be ≥ 0, got ${threshold}`);
  const columns = vocabulary.map((v) => {
    const j = profiles.featureNames.indexOf(v.feature);
    if (j < 0) throw new RangeError(`feature "${v.feature}" is not among the profiled features (${profiles.featureNames.join(", ")})`);
    return j;
  });

  const base = profiles.clusters.map((p) => {
    const levels: Record<string, Level> = {};
    if (!p.relative) return { cluster: p.cluster, name: { ...EMPTY }, levels };
    const parts: Record<Locale, string[]> = { en: [], "zh-CN": [] };
    vocabulary.forEach((v, idx) => {
      const z = p.relative![columns[idx]];
      const level: Level = z > threshold ? "high" : z < -threshold ? "low" : "mid";
      levels[v.feature] = level;
      const words = v[level];
      if (!words) return;
      parts.en.push(words.en);
      parts["zh-CN"].push(words["zh-CN"]);
    });
    const name: Words = parts.en.length
      ? { en: capitalize(parts.en.join(SEPARATOR.en)), "zh-CN": parts["zh-CN"].join(SEPARATOR["zh-CN"]) }
      : { ...AVERAGE };
    return { cluster: p.cluster, name, levels };
  });

  // Distinct names: the most valuable cluster keeps the plain name.
  const priority = [...profiles.clusters].sort(
    (u, v) => (v.revenueShare ?? 0) - (u.revenueShare ?? 0) || v.size - u.size || u.cluster - v.cluster,
  );
  const used: Record<Locale, Set<string>> = { en: new Set(), "zh-CN": new Set() };
  const byCluster = new Map(base.map((b) => [b.cluster, b]));
  for (const p of priority) {
    const entry = byCluster.get(p.cluster)!;
    const plain = entry.name;
    let name = plain;
    for (let count = 2; used.en.has(name.en) || used["zh-CN"].has(name["zh-CN"]); count++) {
      name = { en: `${plain.en} (${count})`, "zh-CN": `${plain["zh-CN"]}(${count})` };
    }
    entry.name = name;
    used.en.add(name.en);
    used["zh-CN"].add(name["zh-CN"]);
  }
  return base;
}
