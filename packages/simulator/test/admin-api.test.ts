import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import makeWASocket from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCode, silentLogger, useMemoryAuthState, waitForEvent, WhatsAppSimulator } from "../src/index.js";

const post = async (base: string, path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe("admin HTTP API", () => {
  let sim: WhatsAppSimulator;
  let base: string;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    base = `http://127.0.0.1:${sim.port}`;
  });

  afterAll(() => sim?.close());

  it("drives pairing, sending and observing from outside the process", async () => {
    expect((await post(base, "/admin/phones", { phone: "15557770001", name: "Me" })).json.jid).toBe(
      "15557770001@s.whatsapp.net",
    );
    await post(base, "/admin/phones", { phone: "15557770002", name: "Bot user" });

    const auth = useMemoryAuthState();
    const open = () => {
      const sock = makeWASocket({ ...sim.clientOptions(), auth: auth.state, logger: silentLogger() });
      sock.ev.on("creds.update", auth.saveCreds);
      return sock;
    };
    let sock = open();
    const { qr } = await waitForEvent(sock, "connection.update", (u) => !!u.qr);
    const restart = waitForEvent(sock, "connection.update", (u) => u.connection === "close");
    const scan = await post(base, "/admin/scan", { phone: "15557770001", qr });
    expect(scan.json.jid).toMatch(/^15557770001:\d+@s\.whatsapp\.net$/);
    expect(closeCode(await restart)).toBe(515);
    sock = open();
    await waitForEvent(sock, "connection.update", (u) => u.connection === "open");

    const upsert = waitForEvent(sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "from curl"),
    );
    const sent = await post(base, "/admin/send", { from: "15557770002", to: "15557770001", text: "from curl" });
    expect(typeof sent.json.id).toBe("string");
    await upsert;

    await sock.sendMessage("15557770002@s.whatsapp.net", { text: "to the admin api" });
    const res = await fetch(`${base}/admin/messages?phone=15557770002&timeoutMs=5000`);
    const msg = (await res.json()) as { message: { extendedTextMessage?: { text: string } }; sender: string };
    expect(msg.message.extendedTextMessage?.text).toBe("to the admin api");
    expect(msg.sender).toBe(sock.user?.id);

    const status = (await (await fetch(`${base}/admin`)).json()) as {
      phones: { phone: string; devices: { online: boolean }[] }[];
    };
    expect(status.phones.find((p) => p.phone === "15557770001")?.devices[0]?.online).toBe(true);

    // Issue #20: the phone archives a chat; the client hears it over app-state sync.
    const archived = waitForEvent(sock, "chats.update", (u) => u.some((c) => c.archived === true));
    const change = await post(base, "/admin/chat", {
      phone: "15557770001",
      chat: "15557770002@s.whatsapp.net",
      action: { archive: true },
    });
    expect(change.json.version).toBe(1);
    expect((await archived).find((c) => c.archived)?.id).toBe("15557770002@s.whatsapp.net");
    const settings = await (await fetch(`${base}/admin/chat?phone=15557770001&chat=15557770002@s.whatsapp.net`)).json();
    expect(settings).toMatchObject({ archived: true, pinned: false });
    sock.end(undefined);
  }, 30_000);

  it("answers bad requests with JSON errors", async () => {
    expect((await post(base, "/admin/send", { from: "nobody", to: "x", text: "y" })).status).toBe(404);
    expect((await post(base, "/admin/scan", {})).status).toBe(400);
    const bad = await post(base, "/admin/chat", { phone: "15557770001", chat: "x@s.whatsapp.net", action: { fly: 1 } });
    expect(bad.status).toBe(400);
  });
});

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
describe.runIf(existsSync(cli))("multiwa-simulator CLI (built)", () => {
  it("starts on --port and prints where to connect", async () => {
    const child = spawn(process.execPath, [cli, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let buf = "";
        const timer = setTimeout(() => reject(new Error(`no banner: ${buf}`)), 10_000);
        child.stdout.on("data", (d: Buffer) => {
          buf += d.toString();
          if (buf.includes("/admin/messages")) {
            clearTimeout(timer);
            resolve(buf);
          }
        });
      });
      const port = /listening on port (\d+)/.exec(out)?.[1];
      expect(out).toContain(`ws://127.0.0.1:${port}/ws/chat`);
      const status = await (await fetch(`http://127.0.0.1:${port}/admin`)).json();
      expect(status).toMatchObject({ url: `ws://127.0.0.1:${port}/ws/chat`, phones: [] });
    } finally {
      child.kill("SIGTERM");
    }
  });
});
