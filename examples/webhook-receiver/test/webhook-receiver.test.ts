import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type MultiWAClient } from "@multiwa/sdk";
import { freePort, startServer, type RunningServer } from "../../../server/test/helpers/server.js";

// Runs examples/webhook-receiver/index.ts as its own process; the gateway delivers real, signed webhooks.
const DIR = fileURLToPath(new URL("..", import.meta.url));
let server: RunningServer;
let client: MultiWAClient;
let receiver: ChildProcess | undefined;

beforeAll(async () => {
  server = await startServer({ MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
  client = createClient({ baseUrl: server.url, apiKey: server.key });
  await client.createProfile({ body: { id: "hooks", name: "Hooks", engine: "mock" } });
  await client.startSession({ id: "hooks" });
  const { qr } = await client.getQr({ id: "hooks" });
  await client.mockScan({ body: { qr, phone: "628111000777" } });
}, 300_000);

afterAll(async () => {
  receiver?.kill("SIGKILL");
  await server?.stop();
});

describe("examples/webhook-receiver", () => {
  it("accepts the gateway's signed deliveries and refuses forged ones", async () => {
    const port = await freePort();
    const { secret } = await client.createWebhook({
      body: { url: `http://127.0.0.1:${port}/hook`, events: ["message.received"], profileId: "hooks" },
    });
    receiver = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
      cwd: DIR,
      env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: secret! },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    receiver.stdout!.on("data", (d) => (out += d));
    receiver.stderr!.on("data", (d) => (out += d));
    await expect.poll(() => out, { timeout: 20_000 }).toContain(`LISTENING ${port}`);

    await client.mockPhoneSend({ phone: "628999000555", body: { to: "628111000777", text: "hello hook" } });
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/EVENT message\.received hooks .*hello hook/);

    const forged = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      body: JSON.stringify({ event: "message.received", data: { text: "forged-payload" } }),
      headers: { "x-multiwa-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
    });
    expect(forged.status).toBe(401);
    expect(out).toContain("REJECTED");
    expect(out).not.toContain("forged-payload");
  }, 60_000);
});
