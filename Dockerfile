# One image for all four services; docker-compose.yml picks the service with `command`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# npm install, not npm ci: see the README's quick start.
RUN npm install && npx turbo run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Each service's heap sized for its job (README, Performance): infra/service-process-env.json,
# which scripts/system.mjs gives its children too; tests/system/test/compose.test.ts compares.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=128" MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "services/portal/dist/main.js"]
