import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSchema } from "@multiwa/core/testing";
import { until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// #23: /health is liveness, /ready says whether this node can serve: the store, the database, Redis when
// clustered, and the engines. A load balancer must see a node whose Redis is gone as unready.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const ready = async (server: RunningServer) => {
  const res = await server.api("/ready", { key: null });
  return { status: res.status, body: (await res.json()) as Json };
};

describe("a single node", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ MULTIWA_ENGINES: "mock,nonexistent" });
  }, 300_000);
  afterAll(async () => server?.stop());

  it("is alive and ready without a key, with each check and the engines it could not load", async () => {
    expect((await server.api("/health", { key: null })).status).toBe(200);
    const { status, body } = await ready(server);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ready: true,
      checks: {
        storage: { ok: true },
        database: { ok: true },
        engines: { ok: true, loaded: ["mock"], missing: ["nonexistent"] },
      },
    });
    expect(body.checks.redis).toBeUndefined();
  });
});

describe("a clustered node", () => {
  let server: RunningServer;
  let proxy: Server;
  const sockets = new Set<Socket>();
  let records: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    // The node reaches Redis through a loopback proxy the test can cut, as a network partition would.
    proxy = createServer((client) => {
      const redis = connect(6379, "127.0.0.1");
      client.pipe(redis).pipe(client);
      for (const s of [client, redis]) {
        sockets.add(s);
        s.on("error", () => undefined).on("close", () => sockets.delete(s));
      }
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const port = (proxy.address() as { port: number }).port;
    records = await createTestSchema();
    server = await startServer({
      MULTIWA_STORAGE: `redis://127.0.0.1:${port}/0`,
      MULTIWA_STORAGE_PREFIX: `multiwa-ready-${process.pid}`,
      MULTIWA_DATABASE: records.url,
      MULTIWA_NODE_ID: "ready-a",
      MULTIWA_ENGINES: "mock",
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop("SIGKILL");
    proxy?.close();
    for (const s of sockets) s.destroy();
    await records?.drop();
  });

  it("pings Redis, and turns unready (503, naming redis) when Redis is unreachable", async () => {
    const before = await ready(server);
    expect(before.status).toBe(200);
    expect(before.body.checks.redis).toMatchObject({ ok: true });
    proxy.close();
    for (const s of sockets) s.destroy();
    const after = await until(async () => {
      const r = await ready(server);
      return r.status === 503 && r;
    }, 20_000);
    expect(after.body).toMatchObject({
      ready: false,
      checks: { redis: { ok: false, error: expect.any(String) }, database: { ok: true } },
    });
  }, 60_000);
});
