// Bundles the worker (workers/main.ts and everything it imports from this repo)
// into one ES module, dist/worker/main.mjs, with the npm packages left external.
// Running the bundle with plain `node` instead of through tsx saves the
// TypeScript loader: ~100 MB less resident memory in an idle worker (measured:
// 279 MB under tsx, 183 MB bundled), and no transpiling at start. 0.3 s to build.
import { build } from "esbuild";

await build({
  entryPoints: ["workers/main.ts"],
  outfile: "dist/worker/main.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
