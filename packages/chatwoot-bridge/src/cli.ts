#!/usr/bin/env node
// Runs the bridge as a small HTTP service configured by environment variables (see README).
import { createServer } from "node:http";
import { createStorage } from "unstorage";
import fsLiteDriver from "unstorage/drivers/fs-lite";
import { createChatwootBridge } from "./bridge.js";
import { createBridgeHandler } from "./http.js";

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (!value) {
    console.error(`[multiwa] [chatwoot-bridge] Missing required environment variable \`${name}\``);
    process.exit(1);
  }
  return value;
}

const bridge = createChatwootBridge({
  gateway: { url: env("MULTIWA_URL"), apiKey: env("MULTIWA_API_KEY"), profileId: env("MULTIWA_PROFILE"), ...(process.env.MULTIWA_WEBHOOK_SECRET ? { webhookSecret: process.env.MULTIWA_WEBHOOK_SECRET } : {}) },
  chatwoot: { url: env("CHATWOOT_URL"), accountId: Number(env("CHATWOOT_ACCOUNT_ID")), inboxId: Number(env("CHATWOOT_INBOX_ID")), apiToken: env("CHATWOOT_API_TOKEN") },
  secret: env("BRIDGE_SECRET"),
  storage: createStorage({ driver: fsLiteDriver({ base: env("BRIDGE_DATA_DIR", ".chatwoot-bridge-data") }) }),
});

const port = Number(env("PORT", "3100"));
const server = createServer(createBridgeHandler(bridge));
server.listen(port, env("HOST", "0.0.0.0"), async () => {
  console.log(`[chatwoot-bridge] listening on :${port}`);
  const publicUrl = process.env.BRIDGE_PUBLIC_URL;
  if (!publicUrl) return console.log("[chatwoot-bridge] BRIDGE_PUBLIC_URL not set: subscribe the gateway webhook yourself (MULTIWA_WEBHOOK_SECRET)");
  const { webhookId } = await bridge.subscribe(`${publicUrl.replace(/\/+$/, "")}/webhooks/gateway`);
  console.log(`[chatwoot-bridge] gateway webhook ${webhookId} delivers to ${publicUrl}/webhooks/gateway`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
