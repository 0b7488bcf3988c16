import { createServer } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG_BASE64 } from "@multiwa/core/testing";
import { verifySignature } from "@multiwa/core";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { startServer, type RunningServer } from "./helpers/server.js";

// The real path: HTTP → gateway → Baileys engine → loopback WhatsApp simulator → simulated phone, and back.
let sim: WhatsAppSimulator;
let server: RunningServer;
let me: SimPhone;
let alice: SimPhone;
const hooks: { body: string; signature: string }[] = [];
let hookServer: ReturnType<typeof createServer>;
let hookUrl = "";

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Gateway line" });
  alice = sim.createPhone({ name: "Alice" });
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => (hooks.push({ body, signature: String(req.headers["x-multiwa-signature"]) }), res.end()));
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/hook`;
  server = await startServer({
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  hookServer?.close();
});

describe("gateway on Baileys against the simulator", () => {
  it("pairs by QR through the API, sends over HTTP, and receives into a signed webhook and the history", async () => {
    const created = await server.api("/api/profiles", {
      method: "POST",
      json: { id: "line", name: "Line", engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
    });
    expect(created.status).toBe(201);
    const { secret } = (await (
      await server.api("/api/webhooks", {
        method: "POST",
        json: { url: hookUrl, events: ["message.received"], profileId: "line" },
      })
    ).json()) as { secret: string };
    await server.api("/api/profiles/line/start", { method: "POST" });
    let qr = "";
    await expect
      .poll(async () => (qr = ((await (await server.api("/api/profiles/line")).json()) as { status: string }).status), {
        timeout: 20_000,
      })
      .toBe("qr");
    qr = ((await (await server.api("/api/profiles/line/qr")).json()) as { qr: string }).qr;
    await me.scanQr(qr);
    await expect
      .poll(async () => ((await (await server.api("/api/profiles/line")).json()) as { status: string }).status, {
        timeout: 30_000,
      })
      .toBe("open");

    const sent = (await (
      await server.api("/api/profiles/line/messages", {
        method: "POST",
        json: { to: alice.pn, content: { type: "text", text: "hello alice" } },
      })
    ).json()) as { id: string };
    const got = await alice.nextMessage({ timeoutMs: 20_000 });
    expect(got.id).toBe(sent.id);
    expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("hello alice");
    await expect
      .poll(
        async () =>
          ((await (await server.api(`/api/profiles/line/messages/${sent.id}`)).json()) as { status: string }).status,
        { timeout: 20_000 },
      )
      .toMatch(/delivered|read/);

    const image = (await (
      await server.api("/api/profiles/line/send/image", {
        method: "POST",
        json: { to: alice.pn, media: { base64: PNG_BASE64 }, mimetype: "image/png", caption: "pic" },
      })
    ).json()) as { id: string };
    const picture = await alice.nextMessage({ timeoutMs: 20_000 });
    expect(picture.id).toBe(image.id);
    expect(Buffer.from(await alice.downloadMedia(picture.message)).toString("base64")).toBe(PNG_BASE64);
    // The gateway serves back media it sent itself, not only what phones sent.
    await expect
      .poll(async () => (await server.api(`/api/profiles/line/messages/${image.id}/media`)).status, { timeout: 20_000 })
      .toBe(200);
    const own = await server.api(`/api/profiles/line/messages/${image.id}/media`);
    expect(Buffer.from(await own.arrayBuffer()).toString("base64")).toBe(PNG_BASE64);

    // Poll votes are kept in the history: after a reload the poll still shows them.
    const poll = (await (
      await server.api("/api/profiles/line/send/poll", {
        method: "POST",
        json: { to: alice.pn, name: "Lunch?", options: ["Pizza", "Sushi"] },
      })
    ).json()) as { id: string };
    const ballot = await alice.nextMessage({ timeoutMs: 20_000 });
    expect(ballot.id).toBe(poll.id);
    await alice.votePoll(ballot, ["Sushi"]);
    await expect
      .poll(
        async () => {
          const page = (await (await server.api(`/api/profiles/line/chats/${alice.pn}/messages`)).json()) as {
            messages: { id: string; content: { votes?: Record<string, string[]> } }[];
          };
          return page.messages.find((m) => m.id === poll.id)?.content.votes;
        },
        { timeout: 20_000 },
      )
      .toEqual({ [alice.jid]: ["Sushi"] });

    const photo = Buffer.from(PNG_BASE64, "base64");
    await alice.sendMedia(me, "image", { data: photo, mimetype: "image/png", caption: "from alice" });
    let mediaId = "";
    await expect
      .poll(
        async () => {
          const page = (await (await server.api(`/api/profiles/line/chats/${alice.pn}/messages`)).json()) as {
            messages: { id: string; content: { type: string } }[];
          };
          return (mediaId =
            page.messages.find((m) => m.content.type === "image" && !m.id.startsWith(image.id))?.id ?? "");
        },
        { timeout: 20_000 },
      )
      .not.toBe("");
    const download = await server.api(`/api/profiles/line/messages/${mediaId}/media`);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);

    await alice.sendText(me, "hi gateway");
    await expect.poll(() => hooks.find((h) => h.body.includes("hi gateway")), { timeout: 20_000 }).toBeTruthy();
    const hook = hooks.find((h) => h.body.includes("hi gateway"))!;
    expect(JSON.parse(hook.body)).toMatchObject({
      event: "message.received",
      profileId: "line",
      data: { content: { type: "text", text: "hi gateway" } },
    });
    expect(verifySignature(hook.signature, hook.body, secret)).toBe(true);
    const chats = (await (await server.api("/api/profiles/line/chats")).json()) as { id: string; unread: number }[];
    expect(chats.find((c) => c.unread === 2)).toBeTruthy();
  }, 120_000);

  it("reconnects a Baileys profile from stored credentials after the gateway is killed", async () => {
    await server.stop("SIGKILL");
    server = await startServer(
      { MULTIWA_ENGINES: "baileys", MULTIWA_BAILEYS_WS_URL: sim.url, MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" },
      server.dataDir,
    );
    await expect
      .poll(async () => ((await (await server.api("/api/profiles/line")).json()) as { status: string }).status, {
        timeout: 30_000,
      })
      .toBe("open");
    const sent = (await (
      await server.api("/api/profiles/line/messages", {
        method: "POST",
        json: { to: alice.pn, content: { type: "text", text: "back again" } },
      })
    ).json()) as { id: string };
    expect((await alice.nextMessage({ timeoutMs: 20_000 })).id).toBe(sent.id);
  }, 120_000);
});
