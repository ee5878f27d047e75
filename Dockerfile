# The image web, worker and the one-shot migrator all run (docker-compose.yml).
# One stage builds (all dependencies: the migrator runs TypeScript through tsx;
# the build bundles the worker into dist/worker/main.mjs, and prisma generate needs the CLI); the runtime stage copies the
# result and runs as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# `npm install`, not `npm ci` (docs/operations.md: the lockfile cannot list other
# platforms' optional packages). --ignore-scripts: nothing needs an install script,
# and @prisma/engines' would download engines this project does not use.
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run prisma:generate && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
# Overridden per service in docker-compose.yml (worker, migrate).
CMD ["node_modules/.bin/next", "start", "-p", "3000"]
