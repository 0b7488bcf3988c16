import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG_BASE64 } from "@multiwa/core/testing";
import S3rver from "@20minutes/s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayWithProfile, until, type RunningServer } from "./helpers/mock-gateway.js";

// S3 media storage through the gateway's settings (issue #23): MULTIWA_MEDIA_S3_* point it at a real S3
// API on loopback (@20minutes/s3rver, which checks Signature V4), and a sent image's webhook carries a
// signed URL that serves the same bytes.

describe("media in an S3 bucket", () => {
  let s3: S3rver;
  let dir: string;
  let server: RunningServer;
  let hooks: Server;
  const received: { event: string; data: { id: string; media?: { url: string } } }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "multiwa-s3rver-"));
    s3 = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "gw-media" }],
    });
    const { port } = await s3.run();
    hooks = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d)).on("end", () => (received.push(JSON.parse(body)), res.end()));
    });
    await new Promise<void>((r) => hooks.listen(0, "127.0.0.1", r));
    server = await gatewayWithProfile("m", "628100000055", {
      MULTIWA_ENGINES: "mock",
      MULTIWA_MEDIA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      MULTIWA_MEDIA_S3_BUCKET: "gw-media",
      MULTIWA_MEDIA_S3_ACCESS_KEY_ID: "S3RVER",
      MULTIWA_MEDIA_S3_SECRET_ACCESS_KEY: "S3RVER",
      MULTIWA_MEDIA_URL_TTL_SECONDS: "300",
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise<void>((r) => (hooks ? hooks.close(() => r()) : r()));
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a sent image's webhook carries a signed URL of its bytes", async () => {
    const hookUrl = `http://127.0.0.1:${(hooks.address() as { port: number }).port}/hook`;
    const created = await server.api("/api/webhooks", {
      method: "POST",
      json: { url: hookUrl, events: ["message.sent"] },
    });
    expect(created.status).toBe(201);
    const sent = await server.api("/api/profiles/m/messages", {
      method: "POST",
      json: { to: "628299999999", content: { type: "image", media: { base64: PNG_BASE64 }, mimetype: "image/png" } },
    });
    expect(sent.status).toBeLessThan(300);
    const hit = await until(async () => received.find((r) => r.event === "message.sent"), 15_000);
    expect(hit.data.media?.url).toContain("X-Amz-Signature=");
    const object = await fetch(hit.data.media!.url);
    expect(object.status).toBe(200);
    expect(Buffer.from(await object.arrayBuffer())).toEqual(Buffer.from(PNG_BASE64, "base64"));
  });
});
