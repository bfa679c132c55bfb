# Multi-stage build: compile once, run api or worker from the same slim image. bench/ and test/ stay out
# (.dockerignore), and devDependencies (embedded PostgreSQL, lint, test tools) are pruned before the runtime stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json schema.gql ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build && npm run web:build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web app the api serves at / (static files only).
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/scripts/paths.js ./scripts/paths.js
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "-r", "./scripts/paths.js", "dist/apps/api/src/main.js"]
