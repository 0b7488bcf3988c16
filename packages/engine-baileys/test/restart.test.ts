import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./fixtures/restart-child.ts", import.meta.url));
const PROFILES = ["alpha", "beta", "gamma"];

interface Line {
  event: string;
  profile?: string;
  qr?: string;
  id?: string;
  text?: string;
  status?: string;
  message?: string;
}

/** A gateway child process and the JSON lines it prints. */
class Gateway {
  readonly lines: Line[] = [];
  private waiters: { match: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  readonly exited: Promise<unknown>;

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on("line", (text) => {
      if (!text.startsWith("{")) return; // libsignal logs to stdout
      const line = JSON.parse(text) as Line;
      this.lines.push(line);
      for (const w of [...this.waiters])
        if (w.match(line)) (this.waiters.splice(this.waiters.indexOf(w), 1), w.resolve(line));
    });
    this.exited = new Promise((resolve) => proc.on("exit", resolve));
  }

  static start(dir: string, sim: WhatsAppSimulator, mode: "login" | "restore"): Gateway {
    // The "dev-source" condition resolves the engine's `@multiwa/core` imports to the core sources the script uses.
    const proc = spawn(
      process.execPath,
      ["--conditions=dev-source", "--import", "tsx", CHILD, dir, sim.url, mode, ...PROFILES],
      {
        env: { ...process.env, SIM_CA: SIMULATOR_TLS_CERT },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    proc.stderr.resume();
    return new Gateway(proc);
  }

  next(match: (l: Line) => boolean, timeoutMs = 30_000): Promise<Line> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`gateway printed no matching line; got ${JSON.stringify(this.lines)}`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  }

  send(profile: string, to: string, text: string): void {
    this.proc.stdin.write(`${JSON.stringify({ send: { profile, to, text } })}\n`);
  }
}

describe("kill -9 and restart with fs storage", () => {
  let sim: WhatsAppSimulator;
  let dir: string;
  const accounts = new Map<string, SimPhone>();
  const children: Gateway[] = [];

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    dir = await mkdtemp(join(tmpdir(), "multiwa-baileys-"));
    for (const p of PROFILES) accounts.set(p, sim.createPhone({ name: p }));
  });
  afterAll(async () => {
    for (const c of children) c.proc.kill("SIGKILL");
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("logs in several profiles by QR, survives SIGKILL, and reconnects every one from storage without a QR", async () => {
    const first = Gateway.start(dir, sim, "login");
    children.push(first);
    await Promise.all(
      PROFILES.map(async (profile) => {
        const { qr } = await first.next((l) => l.event === "qr" && l.profile === profile);
        await accounts.get(profile)!.scanQr(qr!);
        await first.next((l) => l.event === "open" && l.profile === profile);
      }),
    );
    first.proc.kill("SIGKILL");
    expect(await first.exited).toBe(null); // killed by a signal: no exit code

    const second = Gateway.start(dir, sim, "restore");
    children.push(second);
    await Promise.all(PROFILES.map((profile) => second.next((l) => l.event === "open" && l.profile === profile)));
    expect(second.lines.filter((l) => l.event === "qr")).toEqual([]);

    // A round trip per profile: the restored Signal state encrypts and decrypts.
    const peer = sim.createPhone({ name: "Peer", receipts: "none" });
    for (const profile of PROFILES) {
      const me = accounts.get(profile)!;
      const inbound = await peer.sendText(me, `hello ${profile}`);
      expect((await second.next((l) => l.event === "received" && l.id === inbound.id)).text).toBe(`hello ${profile}`);
      second.send(profile, peer.jid, `back from ${profile}`);
      const sent = await second.next((l) => (l.event === "sent" && l.profile === profile) || l.event === "error");
      expect(sent.event, sent.message).toBe("sent");
      const got = await peer.nextMessage({ timeoutMs: 15_000 });
      expect(got.id).toBe(sent.id);
      expect(got.message.conversation ?? got.message.extendedTextMessage?.text).toBe(`back from ${profile}`);
    }
    expect(second.lines.filter((l) => l.event === "qr")).toEqual([]);
  }, 90_000);
});
