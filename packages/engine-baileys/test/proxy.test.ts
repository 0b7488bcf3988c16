import { randomBytes } from "node:crypto";
import { createMultiWA, createStorageFromUrl, type MultiWA, type MultiWAEvents, type ProxyInput } from "@multiwa/core";
import { nextEvent, PNG_BASE64 } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { baileysEngine } from "../src/index.js";
import { proxiesInstalled, startDanted, startTinyproxy, type LoopbackProxy } from "./harness/proxies.js";

// Proxy per profile (issue #23), through real proxies on loopback: tinyproxy (HTTP CONNECT, Basic
// auth) and danted (SOCKS5). Their logs prove the WebSocket and the media went through them.
describe.runIf(proxiesInstalled)("baileys through a proxy", () => {
  let sim: WhatsAppSimulator;
  let simPort: string;
  let tinyproxy: LoopbackProxy;
  let danted: LoopbackProxy;
  let wa: MultiWA | undefined;
  const AUTH = { username: "alice", password: `pw-${randomBytes(4).toString("hex")}` };

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    simPort = new URL(sim.url).port;
    [tinyproxy, danted] = await Promise.all([startTinyproxy(AUTH), startDanted()]);
  });
  afterEach(async () => {
    await wa?.close();
    wa = undefined;
  });
  afterAll(async () => {
    await Promise.all([tinyproxy?.stop(), danted?.stop()]);
    await sim?.close();
  });

  async function gateway(proxies: ProxyInput[], rotation: "on-failure" | "never" = "on-failure") {
    wa = await createMultiWA({
      engines: { baileys: baileysEngine(sim.clientOptions()) },
      storage: await createStorageFromUrl("memory:"),
      database: "memory:",
      restore: false,
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
      reconnect: { baseMs: 50, maxMs: 200 },
    });
    await wa.profiles.create({ id: "p", name: "Proxied" });
    await wa.proxies.put("p", { proxies, rotation });
    return wa;
  }

  async function link(wa: MultiWA, me: SimPhone): Promise<void> {
    const qrs = wa.sessions.qr("p");
    await wa.sessions.start("p");
    const { value } = await qrs.next();
    const opened = nextEvent(wa, "session.status", (e) => e.status === "open", 20_000);
    await me.scanQr(value as string);
    await opened;
  }

  /** Sends an image (an upload) and downloads one a phone sent (a download), both over https. */
  async function exchangeMedia(wa: MultiWA, me: SimPhone): Promise<void> {
    const peer = sim.createPhone({ name: "Peer", receipts: "none" });
    await wa.messages.sendAndWait("p", {
      to: peer.jid,
      content: { type: "image", media: { base64: PNG_BASE64 }, mimetype: "image/png" },
    });
    const sent = await peer.nextMessage();
    expect(Buffer.from(await peer.downloadMedia(sent.message))).toEqual(Buffer.from(PNG_BASE64, "base64"));
    const data = randomBytes(1024);
    const got = nextEvent(wa, "message.received", (m) => m.content.type === "document", 10_000);
    await peer.sendMedia(me, "document", { data, mimetype: "application/pdf", fileName: "a.pdf" });
    expect(Buffer.from(await wa.messages.downloadMedia("p", await got))).toEqual(data);
  }

  const connects = (log: string, pattern: RegExp) => log.split("\n").filter((l) => pattern.test(l)).length;

  it("logs in, sends and downloads media through an HTTP proxy with a username and password", async () => {
    const me = sim.createPhone({ name: "Http" });
    const wa = await gateway([{ url: `http://127.0.0.1:${tinyproxy.port}`, ...AUTH }]);
    const tunnel = new RegExp(`CONNECT 127\\.0\\.0\\.1:${simPort} `);
    await link(wa, me);
    const afterLogin = connects(await tinyproxy.log(), tunnel);
    expect(afterLogin).toBeGreaterThanOrEqual(1); // the WebSocket
    await exchangeMedia(wa, me);
    // The upload and the download opened tunnels of their own.
    await expect.poll(async () => connects(await tinyproxy.log(), tunnel)).toBeGreaterThanOrEqual(afterLogin + 2);
    expect(await tinyproxy.log()).not.toMatch(/Failed auth|Unauthorized/i);
  });

  it("logs in, sends and downloads media through a SOCKS5 proxy", async () => {
    const me = sim.createPhone({ name: "Socks" });
    const wa = await gateway([{ url: `socks5://127.0.0.1:${danted.port}` }]);
    const tunnel = new RegExp(`tcp/connect .* -> .* 127\\.0\\.0\\.1\\.${simPort}\\b`);
    await link(wa, me);
    const afterLogin = connects(await danted.log(), tunnel);
    expect(afterLogin).toBeGreaterThanOrEqual(1);
    await exchangeMedia(wa, me);
    // danted logs a tunnel as it closes; the download's may still be open.
    await expect.poll(async () => connects(await danted.log(), tunnel)).toBeGreaterThanOrEqual(afterLogin + 2);
  });

  it("does not connect while its only proxy is down, and says which proxy failed", async () => {
    const dead = await startTinyproxy();
    await dead.stop(); // its port now refuses connections
    const before = sim.connections.size;
    const wa = await gateway([{ url: `http://127.0.0.1:${dead.port}` }], "never");
    const failed = nextEvent(wa, "session.status", (e) => e.status === "reconnecting", 10_000);
    await wa.sessions.start("p");
    const status: MultiWAEvents["session.status"] = await failed;
    expect(status.error).toContain(`through proxy http://127.0.0.1:${dead.port}`);
    expect(status.error).toMatch(/ECONNREFUSED/);
    await new Promise((r) => setTimeout(r, 500)); // a few retries, all through the same dead proxy
    expect((await wa.sessions.status("p")).status).not.toMatch(/qr|open/);
    expect(sim.connections.size).toBe(before);
  });

  // #23: a proxy refusing the credentials (407; tinyproxy answers 401) is a clear error on the profile naming
  // the proxy and its answer at once — it used to hang until the WebSocket's connect timeout.
  it("reports a proxy that refuses the credentials (401/407) on the profile at once, without connecting", async () => {
    const before = sim.connections.size;
    for (const credentials of [{}, { username: AUTH.username, password: "wrong-password" }]) {
      const wa = await gateway([{ url: `http://127.0.0.1:${tinyproxy.port}`, ...credentials }], "never");
      const failed = nextEvent(wa, "session.status", (e) => e.status === "reconnecting", 5_000);
      await wa.sessions.start("p");
      const status: MultiWAEvents["session.status"] = await failed;
      expect(status.error).toContain(`through proxy http://127.0.0.1:${tinyproxy.port}`);
      expect(status.error).toMatch(/the proxy refused the tunnel: 40[17] /);
      expect(status.error).not.toContain("wrong-password");
      expect((await wa.sessions.status("p")).status).not.toMatch(/qr|open/);
      expect(sim.connections.size).toBe(before);
      await wa.close();
    }
  });

  it("moves on to the next proxy after a failure (rotation on-failure)", async () => {
    const me = sim.createPhone({ name: "Rotated" });
    const dead = await startTinyproxy();
    await dead.stop();
    const logged = connects(await danted.log(), /tcp\/connect/);
    const wa = await gateway([{ url: `http://127.0.0.1:${dead.port}` }, { url: `socks5://127.0.0.1:${danted.port}` }]);
    const failed = nextEvent(wa, "session.status", (e) => e.status === "reconnecting", 10_000);
    const linked = link(wa, me);
    expect((await failed).error).toContain(`http://127.0.0.1:${dead.port}`);
    await linked;
    expect(connects(await danted.log(), /tcp\/connect/)).toBeGreaterThan(logged);
  });
});
