import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator } from "@multiwa/simulator";

// Runs examples/echo-bot/index.ts as its own process against the WhatsApp simulator.
const DIR = fileURLToPath(new URL("..", import.meta.url));
let sim: WhatsAppSimulator | undefined;
let bot: ChildProcess | undefined;

afterAll(async () => {
  bot?.kill("SIGKILL");
  await sim?.close();
});

describe("examples/echo-bot", () => {
  it("logs in by QR and echoes every text", async () => {
    sim = await WhatsAppSimulator.start();
    const me = sim.createPhone({ name: "Bot line" });
    const alice = sim.createPhone({ name: "Alice" });
    const tmp = mkdtempSync(join(tmpdir(), "echo-bot-"));
    writeFileSync(join(tmp, "ca.pem"), SIMULATOR_TLS_CERT);
    bot = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
      cwd: DIR,
      env: {
        ...process.env,
        MULTIWA_BAILEYS_WS_URL: sim.url,
        MULTIWA_BAILEYS_CA_FILE: join(tmp, "ca.pem"),
        ECHO_DATA_DIR: join(tmp, "data"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    bot.stdout!.on("data", (d) => (out += d));
    bot.stderr!.on("data", (d) => (out += d));

    await expect.poll(() => /^QR (\S+)$/m.test(out), { timeout: 40_000 }).toBe(true);
    await me.scanQr(/^QR (\S+)$/m.exec(out)![1]!);
    await expect.poll(() => out.includes("READY"), { timeout: 30_000 }).toBe(true);

    await alice.sendText(me, "ping");
    const reply = await alice.nextMessage({ timeoutMs: 20_000 });
    expect(reply.message.extendedTextMessage?.text ?? reply.message.conversation).toBe("echo: ping");
    expect(out).toMatch(/ECHO \S+ ping/);

    const exited = new Promise<number | null>((r) => bot!.once("exit", r));
    bot.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 120_000);
});
