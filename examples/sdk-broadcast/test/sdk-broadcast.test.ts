import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type MultiWAClient } from "@multiwa/sdk";
import { startServer, type RunningServer } from "../../../server/test/helpers/server.js";

// Runs examples/sdk-broadcast/index.ts as its own process against a gateway (mock engine phones).
const DIR = fileURLToPath(new URL("..", import.meta.url));
let server: RunningServer;
let client: MultiWAClient;

beforeAll(async () => {
  server = await startServer();
  client = createClient({ baseUrl: server.url, apiKey: server.key });
  await client.createProfile({
    body: { id: "promo", name: "Promo", engine: "mock", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
  });
  await client.startSession({ id: "promo" });
  await client.mockScan({ body: { qr: (await client.getQr({ id: "promo" })).qr, phone: "628111000888" } });
}, 300_000);

afterAll(async () => server?.stop());

describe("examples/sdk-broadcast", () => {
  it("creates contacts and a broadcast, follows it to completion; every recipient gets its greeting", async () => {
    const env = {
      ...process.env,
      MULTIWA_URL: server.url,
      MULTIWA_API_KEY: server.key,
      PROFILE_ID: "promo",
      RECIPIENTS: "628222000111:Ani Lestari,628222000222:Budi,628222000333",
    };
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "index.ts"], {
      cwd: DIR,
      env,
      timeout: 120_000,
    });
    expect(stdout).toMatch(/^CREATED cmp_/m);
    expect(stdout).toMatch(/^PROGRESS running /m);
    expect(stdout).toMatch(/^DONE completed .*"total":3/m);
    const inbox = async (phone: string) => JSON.stringify(await client.mockPhoneInbox({ phone }));
    expect(await inbox("628222000111")).toContain("Hi Ani, this is a broadcast");
    expect(await inbox("628222000222")).toContain("Hi Budi, this is a broadcast");
    expect(await inbox("628222000333")).toContain("Hi there, this is a broadcast");
  }, 150_000);
});
