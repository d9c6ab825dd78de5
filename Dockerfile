# The API image used by docker-compose.yml. Neo4j runs in its own container there.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY scripts/build-explorer.ts scripts/build-explorer.ts
COPY explorer explorer
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY schema schema
COPY seeds seeds
COPY public public
COPY --from=build /app/build build
COPY operations operations
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4000/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The service, loading the seed graph into an empty database first (SEED_IF_EMPTY); `node dist/main.js` runs it alone.
CMD ["node", "dist/seed/serve.js"]
