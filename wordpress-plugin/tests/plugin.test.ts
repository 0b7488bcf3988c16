import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/test/helpers/server.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ME = "628777000777";

function requirePhp(): void {
  const found = spawnSync("php", ["--version"], { encoding: "utf8" });
  // Never skip: a missing PHP must fail CI loudly rather than pass without testing the plugin.
  if (found.error || found.status !== 0)
    throw new Error(
      "php is not installed: run `bash .ci/run` (it installs php-cli through .ci/ensure-php.sh) or `apt-get install -y php-cli`",
    );
}

function phpFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? phpFiles(join(dir, e.name)) : e.name.endsWith(".php") ? [join(dir, e.name)] : [],
  );
}

let gateway: RunningServer;
beforeAll(async () => {
  requirePhp();
  gateway = await startServer();
  await gateway.api("/api/profiles", { method: "POST", json: { id: "shop", name: "Shop", engine: "mock" } });
  await gateway.api("/api/profiles/shop/start", { method: "POST" });
  const qr = await until(
    async () => ((await (await gateway.api("/api/profiles/shop/qr")).json()) as { qr?: string }).qr,
  );
  await gateway.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
  await until(
    async () => ((await (await gateway.api("/api/profiles/shop")).json()) as { status: string }).status === "open",
  );
}, 120_000);
afterAll(() => gateway?.stop("SIGKILL"));

/** Polls outside a test (expect.poll only works inside one). */
async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
  }
}

const inbox = async (phone: string) =>
  ((await (await gateway.api(`/api/mock/phones/${phone}/messages`)).json()) as { content: { text?: string } }[]).map(
    (m) => m.content.text,
  );

describe("WordPress plugin", () => {
  it("every PHP file passes php -l", () => {
    const files = phpFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files)
      expect(execFileSync("php", ["-l", file], { encoding: "utf8" }), file).toContain("No syntax errors");
  });

  it("passes its PHP tests against a running gateway, which really delivers the test message and the order notifications", async () => {
    const run = spawnSync("php", [join(ROOT, "tests/run.php")], {
      encoding: "utf8",
      env: {
        ...process.env,
        MULTIWA_TEST_GATEWAY_URL: gateway.url,
        MULTIWA_TEST_API_KEY: gateway.key,
        MULTIWA_TEST_PROFILE: "shop",
      },
    });
    expect(run.stdout + run.stderr).toMatch(/^14 passed, 0 failed$/m);
    expect(run.status).toBe(0);

    await expect
      .poll(() => inbox("6281200000001"), { timeout: 40_000 })
      .toEqual(["Test message from Toko Test via MultiWA."]);
    // The new-order hook fired twice with one idempotency key: one message.
    await expect
      .poll(() => inbox("6281122223333"), { timeout: 40_000 })
      .toEqual([
        "Hi Budi Santoso, thank you for your order #1001 (Rp150.000) at Toko Test. {unknown} stays.",
        "Order #1001: Pending payment → Processing, total Rp150.000.",
      ]);
  }, 120_000);
});
