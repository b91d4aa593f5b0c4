# Paperboy in a container: `docker build -t paperboy .` then see README "Running in Docker".
# Stage 1 installs the production dependencies (better-sqlite3 downloads its prebuilt binary, or
# compiles with the toolchain below when there is none for the platform).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# Stage 2: the runtime, without compilers or npm caches, as the unprivileged `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PAPERBOY_CONFIG=/app/config/paperboy.yaml \
    PAPERBOY_DB=/data/paperboy.db \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
# The database (and its -wal/-shm files) lives here: mount a volume so it outlives the container.
VOLUME ["/data"]
# 3000: Slack HTTP mode (SLACK_PORT); 9464: /healthz and /metrics when config `http.port` is 9464.
EXPOSE 3000 9464
# SIGTERM (docker stop) lets the bot finish the message in flight; give it time with `docker stop -t 60`.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/paperboy.js"]
CMD ["run"]
