#!/usr/bin/env bash
# npm run demo [-- seeder flags, e.g. --customers 100000 --reset]
#
# From a fresh clone to a running app with the demo tenant, for someone who has
# only Node.js: installs, generates the Prisma client, finds or starts PostgreSQL
# and Redis, migrates, loads the demo tenant (unless it is there), builds, and runs
# the web app and the worker until Ctrl-C, which stops everything this script
# started (and nothing else).
#
# PostgreSQL: $DATABASE_URL if set; else a server answering on 127.0.0.1:5432 as
# user postgres (database "crm"); else an embedded PostgreSQL under .data/pg
# (CRM_EMBEDDED_PG=1 forces that). Redis: $REDIS_URL if set; else one answering on
# 127.0.0.1:6379; else a redis-server started here. PORT (default 3000).
set -euo pipefail
set -m # each background job in its own process group, so a stop reaches its children
cd "$(dirname "$0")/.."

PORT="${PORT:-3000}"
DATA=.data
mkdir -p "$DATA"
export NEXT_TELEMETRY_DISABLED=1

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
step() { printf '\n\033[1;36m▸ %s\033[0m\n' "$*"; }
die() { printf '\n\033[1;31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

# ── what we start, we stop ───────────────────────────────────────────────────
STARTED=()   # "name:pid" of background process groups
REDIS_PIDFILE=""
stop_group() { # name:pid → SIGTERM to its process group, SIGKILL after 10 s
  local name="${1%%:*}" pid="${1##*:}"
  kill -0 "$pid" 2>/dev/null || return 0
  echo "stopping $name"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  trap - EXIT INT TERM
  local i
  # Last started, first stopped: the app before the database it uses.
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_group "${STARTED[$i]}"; done
  if [ -n "$REDIS_PIDFILE" ] && [ -f "$REDIS_PIDFILE" ]; then
    echo "stopping redis-server"
    kill "$(cat "$REDIS_PIDFILE")" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ── tools ────────────────────────────────────────────────────────────────────
command -v node >/dev/null || die "Node.js 20.19 or newer is needed (https://nodejs.org)."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js 20.19 or newer is needed; this is $(node -v)."

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
port_free() { ! tcp_open 127.0.0.1 "$PORT" || die "port $PORT is taken; run with another, e.g. PORT=3001 npm run demo"; }
# Before the install, seed and build, not after them.
port_free

pg_answers() { # can we log in with this URL?
  node --input-type=module -e '
    import pg from "pg";
    const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' "$1" 2>/dev/null
}

redis_answers() { # PING → +PONG
  ( exec 4<>"/dev/tcp/$1/$2" || exit 1
    printf 'PING\r\n' >&4
    reply=""; read -r -t 3 reply <&4 || true
    [[ "$reply" == +PONG* ]] ) 2>/dev/null
}

healthy() { # the app answers and has seen a worker heartbeat
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$PORT/api/health?require=worker" 2>/dev/null
}

# ── install and generate ─────────────────────────────────────────────────────
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm install"
  npm install --no-audit --no-fund
fi
step "prisma generate"
npm run --silent prisma:generate >/dev/null

# ── PostgreSQL ───────────────────────────────────────────────────────────────
step "PostgreSQL"
if [ "${CRM_EMBEDDED_PG:-}" != "1" ] && [ -n "${DATABASE_URL:-}" ]; then
  echo "using DATABASE_URL"
elif [ "${CRM_EMBEDDED_PG:-}" != "1" ] && tcp_open 127.0.0.1 5432 && pg_answers "postgresql://postgres@127.0.0.1:5432/postgres"; then
  export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/crm"
  echo "using the server on 127.0.0.1:5432 (database crm)"
else
  [ "${CRM_EMBEDDED_PG:-}" = "1" ] || echo "no PostgreSQL answers on 127.0.0.1:5432 (as postgres, without a password)"
  echo "starting an embedded PostgreSQL under $DATA/pg (log: $DATA/embedded-postgres.log)"
  rm -f "$DATA/pg.url"
  npx tsx scripts/embedded-postgres.ts >"$DATA/embedded-postgres.log" 2>&1 &
  EPG_PID=$!
  for _ in $(seq 1 120); do
    [ -s "$DATA/pg.url" ] && break
    kill -0 "$EPG_PID" 2>/dev/null || break
    sleep 0.5
  done
  [ -s "$DATA/pg.url" ] || { tail -20 "$DATA/embedded-postgres.log" >&2; die "the embedded PostgreSQL did not start (see $DATA/embedded-postgres.log)"; }
  # A server that was already running is reused and left running; ours is stopped at the end.
  if kill -0 "$EPG_PID" 2>/dev/null; then STARTED+=("embedded PostgreSQL:$EPG_PID"); fi
  DATABASE_URL="$(cat "$DATA/pg.url")"
  export DATABASE_URL
  echo "embedded PostgreSQL: ${DATABASE_URL/:postgres@/:***@}"
fi

# ── Redis ────────────────────────────────────────────────────────────────────
step "Redis"
if [ -n "${REDIS_URL:-}" ]; then
  echo "using REDIS_URL"
elif redis_answers 127.0.0.1 6379; then
  export REDIS_URL="redis://127.0.0.1:6379"
  echo "using the server on 127.0.0.1:6379"
elif command -v redis-server >/dev/null; then
  REDIS_PIDFILE="$PWD/$DATA/redis.pid"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --pidfile "$REDIS_PIDFILE" --logfile "$PWD/$DATA/redis.log" >/dev/null
  for _ in $(seq 1 50); do redis_answers 127.0.0.1 6379 && break; sleep 0.1; done
  redis_answers 127.0.0.1 6379 || die "redis-server did not start (see $DATA/redis.log)"
  export REDIS_URL="redis://127.0.0.1:6379"
  echo "started redis-server on 127.0.0.1:6379"
else
  die "Redis is needed (job queues, sign-in rate limits) and none was found.
  Install it and run this again:   apt-get install redis-server   |   brew install redis
  or point to one:                 REDIS_URL=redis://host:6379 npm run demo"
fi

# ── app settings for local use ───────────────────────────────────────────────
if [ -z "${NEXTAUTH_SECRET:-}" ]; then
  # Kept in .data so sessions survive a restart of the demo.
  [ -s "$DATA/nextauth-secret" ] || node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))' >"$DATA/nextauth-secret"
  NEXTAUTH_SECRET="$(cat "$DATA/nextauth-secret")"
  export NEXTAUTH_SECRET
fi
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"

# ── database: migrate and seed ───────────────────────────────────────────────
step "migrate"
npm run --silent db:migrate
step "demo data (skipped when the demo tenant exists; npm run demo -- --reset reloads it)"
npx tsx scripts/seed-demo.ts "$@"

# ── build and run ────────────────────────────────────────────────────────────
if [ "${CRM_DEMO_SKIP_BUILD:-}" = "1" ] && [ -f .next/BUILD_ID ]; then
  step "build (skipped: CRM_DEMO_SKIP_BUILD=1)"
else
  step "build"
  npm run --silent build
fi

# Checked again: something may have taken it during the build.
port_free

step "start web (port $PORT) and worker"
npx next start -p "$PORT" &
STARTED+=("web:$!")
node scripts/build-worker.mjs   # 0.3 s; also done by the build, but the build may be skipped
node --enable-source-maps --max-old-space-size=384 dist/worker/main.mjs &
STARTED+=("worker:$!")

for _ in $(seq 1 120); do
  healthy && break
  for entry in "${STARTED[@]}"; do kill -0 "${entry##*:}" 2>/dev/null || die "${entry%%:*} exited"; done
  sleep 0.5
done
healthy || die "the app did not become healthy on port $PORT"

echo
bold "══════════════════════════════════════════════════════════════════"
bold "  Insight CRM demo is running:  $NEXTAUTH_URL"
bold "══════════════════════════════════════════════════════════════════"
npx tsx scripts/seed-demo.ts --print-logins
echo
echo "Ctrl-C stops the web app and the worker (and what this script started)."

# Until Ctrl-C, or until one of them exits on its own.
while true; do
  for entry in "${STARTED[@]}"; do
    kill -0 "${entry##*:}" 2>/dev/null || { echo "${entry%%:*} exited"; exit 1; }
  done
  sleep 1
done
