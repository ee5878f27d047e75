// A worker in a child process that a test can kill without warning (SIGKILL), as
// the resume tests do: `startWorkerProcess()` resolves once it is taking jobs;
// `stopAllWorkerProcesses()` in afterAll kills whatever is left.
import { spawn, type ChildProcess } from "node:child_process";

const children: ChildProcess[] = [];

export function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/import/jobs/import-worker-process.ts"], {
    env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stderr!.on("data", (d) => { out += d; });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => { if (String(d).includes("ready")) resolve(child); });
    child.on("exit", (code) => reject(new Error(`worker exited ${code}: ${out}`)));
  });
}

export async function killHard(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
}

export function stopAllWorkerProcesses(): void {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
}

/** Polls `read` until `ok` holds; fails with the last value after `ms`. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 120_000, every = 25): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
