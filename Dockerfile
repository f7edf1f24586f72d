# syntax=docker/dockerfile:1
# The ledger as a container: build with the toolchain, run on a slim image as a non-root user.
# Written from Docker's and Node's documentation; no Docker engine runs on the machine it was
# written on, so it has not been built there (see the README's EventStoreDB section).

# ---- build: install everything, compile TypeScript, then drop the dev dependencies ----------
FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles its native module here when no prebuilt binary matches; the full
# bookworm image carries python3, make and g++ for that.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The rest of the context (.dockerignore keeps it to sources and compiler settings).
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime -------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    EVENT_STORE_URL=sqlite:/app/data/ledger.sqlite
WORKDIR /app
# The image's unprivileged `node` user (uid 1000) owns only what it must write: the data folder
# (embedded SQLite store and its generated API-key file).
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# GET /health answers 200 when the event store answers, 503 otherwise (docs/api.md). The slim
# image has no curl: Node's own fetch does the probe.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/src/main.js"]
