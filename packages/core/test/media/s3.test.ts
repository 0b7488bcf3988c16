import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { S3MediaStore } from "../../src/media/s3.js";
import type { MultiWA } from "../../src/multiwa.js";
import { PNG_BASE64 } from "../../src/testing/fixtures/media.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";
import { startReceiver } from "../webhooks/receiver.js";

// S3-compatible media storage (issue #23) against a real S3 API on loopback: @20minutes/s3rver, which
// checks AWS Signature V4 (header and query), so a tampered or foreign signed URL is refused.

const ME = "628100000001";
const PEER = "628299999999";
const CREDS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }; // s3rver's built-in account

describe("S3 media storage", () => {
  let server: S3rver;
  let dir: string;
  let endpoint: string;
  let wa: MultiWA | undefined;
  let closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "multiwa-s3rver-"));
    server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "wa-media" }],
    });
    endpoint = `http://127.0.0.1:${(await server.run()).port}`;
  });
  afterEach(async () => {
    await wa?.close();
    for (const close of closers) await close();
    closers = [];
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function gateway() {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const g = await mockGateway({
      outbound: { allowPrivateTargets: true },
      media: { s3: { endpoint, bucket: "wa-media", ...CREDS, urlTtlSeconds: 600 } },
      retention: { media: 1, intervalMs: 3_600_000 },
    });
    wa = g.wa;
    await wa.profiles.create({ id: "p1", name: "p1" });
    await wa.sessions.start("p1");
    await waitForStatus(wa, "p1", "open");
    await wa.webhooks.create({ url: receiver.url, events: ["message.received", "message.sent"] });
    return { ...g, wa, receiver };
  }

  it("webhooks of received and sent media carry a signed URL of the bytes in the bucket", async () => {
    const { wa, network, receiver } = await gateway();
    const bytes = new Uint8Array([37, 80, 68, 70, 45, 1, 2, 3, 4, 5]);
    network.deliver(
      PEER,
      {
        id: "MOCKDOC1",
        chatId: `${ME}@s.whatsapp.net`,
        sender: `${PEER}@s.whatsapp.net`,
        fromMe: false,
        timestamp: Date.now(),
        content: { type: "document", mimetype: "application/pdf", fileName: "a.pdf" },
      },
      bytes,
    );
    await expect.poll(() => receiver.received.length).toBe(1);
    const media = receiver.received[0]!.json.data.media as { url: string; expiresAt: number; key: string };
    expect(media.key).toBe("media/p1/MOCKDOC1");
    expect(media.url).toContain("X-Amz-Signature=");
    expect(media.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    const got = await fetch(media.url);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    // The signature covers the key: pointed at another object, or altered, the URL is refused.
    expect((await fetch(media.url.replace("MOCKDOC1", "MOCKDOC2"))).status).toBe(403);
    expect(
      (await fetch(media.url.replace(/X-Amz-Signature=(.)/, (_, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`)))
        .status,
    ).toBe(403);

    // A sent image: its message.sent webhook carries the URL too; a text carries none.
    const sent = await wa.messages.sendAndWait("p1", {
      to: PEER,
      content: { type: "image", media: { base64: PNG_BASE64 }, mimetype: "image/png" },
    });
    await wa.messages.sendAndWait("p1", { to: PEER, content: { type: "text", text: "no media" } });
    await expect.poll(() => receiver.received.filter((r) => r.json.event === "message.sent").length).toBe(2);
    const [image, text] = receiver.received
      .filter((r) => r.json.event === "message.sent")
      .sort((a) => (a.json.data.id === sent.id ? -1 : 1));
    const url = (image!.json.data.media as { url: string }).url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(Buffer.from(PNG_BASE64, "base64"));
    expect(text!.json.data.media).toBeUndefined();
  });

  it("deletes objects past the retention window", async () => {
    const store = new S3MediaStore({ endpoint, bucket: "wa-media", ...CREDS, prefix: "retention/" });
    await store.put(store.keyOf("p1", "OLD"), new Uint8Array([1]), "image/png");
    const { url } = await store.signedUrl(store.keyOf("p1", "OLD"));
    expect((await fetch(url)).status).toBe(200);
    expect(await store.prune(Date.now() - 60_000, 100)).toBe(0); // younger than the window
    expect(await store.prune(Date.now() + 60_000, 100)).toBe(1);
    expect((await fetch(url)).status).toBe(404);
  });

  it("refuses wrong credentials with a clear error, and bad options at construction", async () => {
    const wrong = new S3MediaStore({ endpoint, bucket: "wa-media", accessKeyId: "S3RVER", secretAccessKey: "nope" });
    await expect(wrong.put("x", new Uint8Array([1]), "text/plain")).rejects.toMatchObject({
      code: "STORAGE_FAILED",
      message: expect.stringContaining("SignatureDoesNotMatch"),
    });
    expect(() => new S3MediaStore({ endpoint, bucket: "", ...CREDS })).toThrow(/media\.s3\.bucket/);
    expect(() => new S3MediaStore({ endpoint, bucket: "b", ...CREDS, urlTtlSeconds: 8 * 86_400 })).toThrow(
      /urlTtlSeconds/,
    );
  });
});
