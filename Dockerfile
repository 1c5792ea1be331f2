# syntax=docker/dockerfile:1
# Production image: standalone Next.js server, non-root, PostgreSQL through DATABASE_URL.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data \
    NEXT_MANUAL_SIG_HANDLE=true
RUN groupadd --system --gid 1001 stagegate \
 && useradd --system --uid 1001 --gid stagegate --home /app stagegate \
 && mkdir -p /data && chown stagegate:stagegate /data
# server.js, its traced node_modules, static assets, public/ and prisma/migrations.
COPY --from=build --chown=stagegate:stagegate /app/.next/standalone ./
USER stagegate
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
