# gluu-login serve as a container: non-root, works on a read-only root file system, data in a volume.
#   docker build -t gluu-login .
#   docker run --read-only -p 127.0.0.1:4000:4000 -v gluu-data:/data -e GLUU_ISSUER=https://login.example.com \
#     -e GLUU_SEAL_KEY=... gluu-login
# docs/deploying.md ("The container image") explains each step; test/integration/container-steps.test.ts
# performs the runtime stage's steps without a container runtime.

# ---- build: compile the native module, build the widget and the server, keep only runtime dependencies ----
FROM node:24-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts stay off until the sources are here (`prepare` builds); then only the two packages that need theirs.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3 esbuild
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

# ---- runtime: the built server and its production dependencies, nothing else ----
FROM node:24-slim
ENV NODE_ENV=production \
    GLUU_HOST=0.0.0.0 \
    GLUU_PORT=4000 \
    GLUU_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/server/assets ./server/assets
# The CLI on PATH for `docker exec <container> gluu-login user ...`; the data directory for the `node` user.
RUN ln -s /app/dist/server/bin.js /usr/local/bin/gluu-login \
  && mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME /data
EXPOSE 4000
# The slim image has no curl: Node's own fetch asks /healthz (503 while the storage is unreachable).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GLUU_PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/bin.js", "serve"]
