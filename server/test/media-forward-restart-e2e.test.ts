import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type ReceivedMessage, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile, simulatorEnv } from "./helpers/baileys-gateway.js";
import { json, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Issue #20: on Baileys a media forward and a media download needed the original in the session's
// recent-message cache, so after a gateway restart they answered MESSAGE_NOT_FOUND. The media's reference
// (CDN path, media key, hashes) is now kept beside the history: after a restart on the same data folder
// a received and a sent image are forwarded by id as the same file, and downloaded, on real Baileys.
const RECEIVED = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from("received photo"),
  Buffer.from([0xff, 0xd9]),
]);
const SENT = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from("photo the line sent"),
  Buffer.from([0xff, 0xd9]),
]);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest();
type History = { messages: { id: string; content: { type: string; caption?: string } }[] };

describe("media forward and download after a gateway restart on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  const p = "/api/profiles/line";
  const stored = (phone: SimPhone, caption: string) =>
    until(async () => {
      const { messages } = await json<History>(server.api(`${p}/chats/${phone.pn}/messages?limit=100`));
      return messages.find((m) => m.content.type === "image" && m.content.caption === caption)?.id;
    }, 15_000);
  const received = (phone: SimPhone, id: string) =>
    phone.nextMessage({ filter: (m: ReceivedMessage) => m.id === id, timeoutMs: 20_000 });

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it("forwards a received and a sent image by id after a restart, as the same file, and downloads them", async () => {
    const inbound = await alice.sendMedia(me, "image", { data: RECEIVED, mimetype: "image/jpeg", caption: "in" });
    const receivedId = await stored(alice, "in");
    const res = await server.api(`${p}/send/image`, {
      method: "POST",
      json: { to: alice.pn, media: { base64: SENT.toString("base64") }, mimetype: "image/jpeg", caption: "out" },
    });
    const sentId = (await json<{ id: string }>(res)).id;
    const outbound = (await received(alice, sentId)).message.imageMessage!;
    await stored(alice, "out");

    // The history answers never carry the media key.
    expect(await (await server.api(`${p}/chats/${alice.pn}/messages?limit=100`)).text()).not.toMatch(/mediaKey/i);

    await server.stop();
    server = await startServer(simulatorEnv(sim), server.dataDir);
    await until(async () => (await json<{ status: string }>(server.api(p))).status === "open", 60_000);

    for (const [id, original, bytes, caption] of [
      [receivedId, inbound.message.imageMessage!, RECEIVED, "in"],
      [sentId, outbound, SENT, "out"],
    ] as const) {
      const media = await server.api(`${p}/messages/${id}/media`);
      expect(media.status).toBe(200);
      expect(media.headers.get("content-type")).toBe("image/jpeg");
      expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);

      const forward = await server.api(`${p}/messages/${id}/forward`, { method: "POST", json: { to: bob.pn } });
      expect(forward.status, await forward.clone().text()).toBe(202);
      const image = (await received(bob, (await json<{ id: string }>(forward)).id)).message.imageMessage!;
      expect(image.caption).toBe(caption);
      // As on WhatsApp, forwarding one's own message does not mark it forwarded.
      expect(Boolean(image.contextInfo?.isForwarded)).toBe(caption === "in");
      // The same encrypted file under the same key: nothing was uploaded again.
      expect(Buffer.from(image.mediaKey!)).toEqual(Buffer.from(original.mediaKey!));
      expect(Buffer.from(image.fileSha256!)).toEqual(sha256(bytes));
      expect(Buffer.from(await bob.downloadMedia({ imageMessage: image }))).toEqual(bytes);
    }
  }, 120_000);
});
