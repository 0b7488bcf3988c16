# MultiWA gateway image. Build: docker build -t multiwa .   Run: docker run -p 3000:3000 -v multiwa:/data multiwa
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npx -y pnpm@10 install --frozen-lockfile \
 && npx -y pnpm@10 --filter @multiwa/dashboard run build \
 && npx -y pnpm@10 --filter @multiwa/server run build

FROM node:20-bookworm-slim
# Set WITH_CHROMIUM=1 to use the whatsapp-web.js engine (adds Debian's Chromium, ~300 MB).
ARG WITH_CHROMIUM=0
RUN if [ "$WITH_CHROMIUM" = "1" ]; then apt-get update && apt-get install -y --no-install-recommends chromium && rm -rf /var/lib/apt/lists/*; fi
WORKDIR /app
COPY --from=build /app/server/.output ./.output
ENV NODE_ENV=production PORT=3000 MULTIWA_STORAGE=fs:/data MULTIWA_CHROMIUM_PATH=/usr/bin/chromium
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", ".output/server/index.mjs"]
