// Benchmark: BG/NBD fitting time on CDNOW_sample (2,357 customers) and on a
// synthetic sample drawn from the model fitted there (default 1,000,000
// customers). Prints figures; not a test.
//
//   npx tsx bench/bgnbd-fit.ts            # 1,000,000 synthetic customers
//   npx tsx bench/bgnbd-fit.ts 200000     # another size
import { cdnowSummaries, parseCdnowSample, readCdnowFile } from "../lib/analytics/cdnow";
import { bgnbdLogLikelihoodPrepared, bgnbdScoreCustomers, fitBgNbd, prepareRfm, type BgNbdParams } from "../lib/analytics/models/bgnbd";
import { simulateBgNbd } from "../lib/analytics/models/simulate";
import { summaryColumns } from "../lib/analytics/models/summary";

const n = Number(process.argv[2] ?? 1_000_000);
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const show = (p: BgNbdParams) => `r=${p.r.toFixed(4)} α=${p.alpha.toFixed(4)} a=${p.a.toFixed(4)} b=${p.b.toFixed(4)}`;

console.log(`node ${process.version}, ${process.arch}`);

// ── CDNOW_sample ──
const cols = summaryColumns(cdnowSummaries(parseCdnowSample(readCdnowFile("CDNOW_sample.txt"))));
const runs: number[] = [];
let fitted: BgNbdParams | null = null;
let evaluations = 0;
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const fit = fitBgNbd(cols);
  runs.push(performance.now() - t0);
  if (!fit.ok) throw new Error(fit.message);
  fitted = fit.params;
  evaluations = fit.evaluations;
}
console.log(`\nCDNOW_sample: ${cols.frequency.length} customers`);
console.log(`  fit: first run ${ms(runs[0])} (includes JIT warm-up), median of the next 6 ${ms(median(runs.slice(1)))}, ${evaluations} likelihood evaluations`);
console.log(`  params: ${show(fitted!)}`);

// ── synthetic ──
const truth = fitted!;
let t0 = performance.now();
const sim = simulateBgNbd(truth, n, { seed: 42, minT: 26, maxT: 39 });
const simMs = performance.now() - t0;
let repeat = 0;
for (let i = 0; i < n; i++) if (sim.frequency[i] > 0) repeat++;
console.log(`\nSynthetic: ${n.toLocaleString("en")} customers drawn from the CDNOW fit (T uniform on 26–39 weeks), ${repeat.toLocaleString("en")} repeat buyers; simulated in ${ms(simMs)}`);

const prepared = prepareRfm(sim);
if (!prepared.ok) throw new Error(prepared.message);
const passes = (withGradient: boolean) => {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    bgnbdLogLikelihoodPrepared(truth, prepared.data, withGradient);
    times.push(performance.now() - s);
  }
  return median(times);
};
const llMs = passes(false);
const gradMs = passes(true);
console.log(`  one log-likelihood pass: ${ms(llMs)} (${((llMs * 1e6) / n).toFixed(1)} ns/customer); with gradient: ${ms(gradMs)}`);

const heapBefore = process.memoryUsage().heapUsed;
t0 = performance.now();
const big = fitBgNbd(sim);
const fitMs = performance.now() - t0;
if (!big.ok) throw new Error(`${big.reason}: ${big.message}`);
console.log(`  fit: ${ms(fitMs)}, ${big.iterations} iterations, ${big.evaluations} evaluations, |grad| ${big.gradientNorm?.toExponential(1)}`);
console.log(`  optimiser: ${big.optimizerMessage}`);
console.log(`  true      ${show(truth)}`);
console.log(`  recovered ${show(big.params)}`);
const se = big.standardErrors!;
console.log(
  `  (recovered − true)/se: r ${((big.params.r - truth.r) / se.r).toFixed(2)}, α ${((big.params.alpha - truth.alpha) / se.alpha).toFixed(2)}, a ${((big.params.a - truth.a) / se.a).toFixed(2)}, b ${((big.params.b - truth.b) / se.b).toFixed(2)}`,
);
console.log(`  heap growth during the fit: ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB`);

t0 = performance.now();
bgnbdScoreCustomers(big.params, sim, [30 / 7, 90 / 7, 365 / 7]);
console.log(`  scoring (P(alive) + E[Y] over 30/90/365 days) for all: ${ms(performance.now() - t0)}`);
