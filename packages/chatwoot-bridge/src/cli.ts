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

const gateway = {
  url: env("MULTIWA_URL"),
  apiKey: env("MULTIWA_API_KEY"),
  ...(process.env.MULTIWA_WEBHOOK_SECRET ? { webhookSecret: process.env.MULTIWA_WEBHOOK_SECRET } : {}),
};
const chatwoot = {
  url: env("CHATWOOT_URL"),
  accountId: Number(env("CHATWOOT_ACCOUNT_ID")),
  apiToken: env("CHATWOOT_API_TOKEN"),
};
const secret = env("BRIDGE_SECRET");
// Many profiles in one process: BRIDGE_INBOXES="sales=3,support=7" (profile=inbox); else one, from
// MULTIWA_PROFILE and CHATWOOT_INBOX_ID.
const pairs = process.env.BRIDGE_INBOXES
  ? process.env.BRIDGE_INBOXES.split(",").map((pair) => pair.trim().split("=") as [string, string])
  : [[env("MULTIWA_PROFILE"), env("CHATWOOT_INBOX_ID")] as [string, string]];
const storage = createStorage({ driver: fsLiteDriver({ base: env("BRIDGE_DATA_DIR", ".chatwoot-bridge-data") }) });
const bridges = pairs.map(([profileId, inboxId]) => {
  if (!profileId || !/^\d+$/.test(inboxId ?? "")) {
    console.error(
      `[multiwa] [chatwoot-bridge] Expected \`BRIDGE_INBOXES\` as profile=inbox pairs, e.g. sales=3,support=7; got \`${process.env.BRIDGE_INBOXES}\``,
    );
    process.exit(1);
  }
  return createChatwootBridge({
    gateway: { ...gateway, profileId },
    chatwoot: { ...chatwoot, inboxId: Number(inboxId) },
    secret,
    storage,
  });
});

const port = Number(env("PORT", "3100"));
const server = createServer(createBridgeHandler(bridges));
server.listen(port, env("HOST", "0.0.0.0"), async () => {
  console.log(`[chatwoot-bridge] listening on :${port}`);
  const publicUrl = process.env.BRIDGE_PUBLIC_URL;
  if (!publicUrl)
    return console.log(
      "[chatwoot-bridge] BRIDGE_PUBLIC_URL not set: subscribe the gateway webhook yourself (MULTIWA_WEBHOOK_SECRET)",
    );
  for (const bridge of bridges) {
    const { webhookId } = await bridge.subscribe(`${publicUrl.replace(/\/+$/, "")}/webhooks/gateway`);
    console.log(
      `[chatwoot-bridge] gateway webhook ${webhookId} delivers profile ${bridge.profileId} to ${publicUrl}/webhooks/gateway (inbox ${bridge.inboxId})`,
    );
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
