// The app's source files under a folder (TypeScript and .mjs), for tests that read
// the code itself. Generated code and installed packages are not the app's.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const SKIP = new Set(["generated", "node_modules"]);

export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [full] : [];
  });
}
