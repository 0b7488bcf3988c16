import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./helpers/server.js";

// Proxy per profile over REST (issue #23): validated by the core's schema, passwords write-only
// (never in a response, nor in the audit log).
describe("/api/profiles/{id}/proxies", () => {
  let server: RunningServer;
  const PASSWORD = "rest-proxy-s3cret";

  beforeAll(async () => {
    server = await startServer({ MULTIWA_ENGINES: "mock" });
    const res = await server.api("/api/profiles", {
      method: "POST",
      json: { id: "px", name: "Proxied", engine: "mock" },
    });
    expect(res.status).toBe(201);
  }, 300_000);
  afterAll(async () => server?.stop());

  const put = (json: unknown) => server.api("/api/profiles/px/proxies", { method: "PUT", json });

  it("saves the list and lists it back without the password", async () => {
    const saved = await put({
      proxies: [
        { url: "http://127.0.0.1:3128", username: "alice", password: PASSWORD },
        { url: "socks5://127.0.0.1:1080" },
      ],
      rotation: "never",
    });
    expect(saved.status).toBe(200);
    const expected = {
      rotation: "never",
      proxies: [
        { url: "http://127.0.0.1:3128", username: "alice", hasPassword: true },
        { url: "socks5://127.0.0.1:1080", hasPassword: false },
      ],
    };
    expect(await saved.json()).toEqual(expected);
    const listed = await server.api("/api/profiles/px/proxies");
    expect(await listed.json()).toEqual(expected);
    expect(await (await server.api("/api/audit?limit=200")).text()).not.toContain(PASSWORD);
    expect(await (await server.api("/api/profiles/px")).text()).not.toContain(PASSWORD);
  });

  it("answers bad input with 422 naming the field, and an unknown profile with 404", async () => {
    const bad = await put({ proxies: [{ url: "http://alice:pw@127.0.0.1:3128" }] });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "proxies.0.url" });
    const rotation = await put({ proxies: [], rotation: "sometimes" });
    expect(rotation.status).toBe(422);
    expect(await rotation.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "rotation" });
    expect((await server.api("/api/profiles/nobody/proxies")).status).toBe(404);
  });
});
