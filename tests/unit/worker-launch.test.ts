// Every command that starts the bundled worker gives Node the same heap cap as
// `npm run worker` (package.json): without it V8 lets a 1M-row import's garbage
// grow the worker past its 512 MB budget before collecting (docs/benchmarks.md,
// "Worker memory"), so a launcher that forgets the flag runs a different worker.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(path, "utf8");
const HEAP_CAP = /--max-old-space-size=(\d+)/;

function capOf(command: string): string | null {
  return HEAP_CAP.exec(command)?.[1] ?? null;
}

/** The lines (or JSON command arrays) of a file that start dist/worker/main.mjs. */
function launchers(path: string): string[] {
  return read(path).split("\n").filter((line) => line.includes("dist/worker/main.mjs") && !line.trim().startsWith("#") && !line.trim().startsWith("//"));
}

describe("worker launchers", () => {
  const npmWorker = JSON.parse(read("package.json")).scripts.worker as string;
  const cap = capOf(npmWorker);

  it("npm run worker caps the heap below the worker's 512 MB budget", () => {
    expect(cap).not.toBeNull();
    expect(Number(cap)).toBeLessThan(512);
  });

  for (const file of ["docker-compose.yml", "scripts/demo.sh", "playwright.config.ts"]) {
    it(`${file} starts the worker with the same cap`, () => {
      const lines = launchers(file);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(capOf(line), line).toBe(cap);
    });
  }
});
