import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matrix, operations } from "./helpers/authz-matrix.js";
import { until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";
import { call, setUpTenants, type Json, type Tenants } from "./helpers/tenants.js";

// The authorization matrix (#17) over demo mode's routes (#24: they were left out of it for want of
// sample bodies). Those routes exist only when MULTIWA_DEMO=1, so they run here on a demo-mode gateway;
// the main matrix keeps running on a gateway configured as production runs it. The victim a1 owns a
// real Baileys profile linked to a simulated phone, so the right tenant's calls act on a live line.
const ANI = "6281200000001";
/** Demo resets delete the workspace's profiles, webhooks and contacts: it runs last. */
const LAST = ["demoInspectorFail", "demoReset"];
const BUSINESS_4XX: Record<string, [number, string]> = {
  demoLinkPhone: [409, "the line is linked already, so its profile shows no QR to scan"],
};

let server: RunningServer;
let t: Tenants;
let doc: Json;

beforeAll(async () => {
  server = await startServer({
    MULTIWA_DEMO: "1",
    MULTIWA_ENGINES: "baileys,mock",
    MULTIWA_RATE_LIMIT: "100000",
    MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  });
  t = await setUpTenants(server);
  doc = (await call(server, "/openapi.json", { key: null })).body;
  // a1's demo line: a Baileys profile whose QR a simulated phone scans.
  expect(
    (
      await call(server, "/api/profiles", {
        method: "POST",
        json: { id: "da1", name: "Demo a1", engine: "baileys", workspaceId: "a1" },
      })
    ).status,
  ).toBe(201);
  await call(server, "/api/profiles/da1/start", { method: "POST" });
  await until(async () => (await call(server, "/api/profiles/da1")).body.status === "qr", 30_000);
  expect((await call(server, "/api/demo/profiles/da1/link", { method: "POST" })).status).toBe(201);
  await until(async () => (await call(server, "/api/profiles/da1")).body.status === "open", 30_000);
  t.a1.mockProfile = t.a1.profile!;
  t.a1.profile = "da1";
}, 180_000);
afterAll(async () => server?.stop());

describe("authorization matrix over demo mode's routes", () => {
  it("answers foreign keys 404/403, keys without the permission 403 and the right tenant 2xx, for every demo operation", async () => {
    const ops = operations(doc, (path) => path.startsWith("/api/demo"), LAST);
    expect(ops.map((op) => op.id).sort()).toEqual([
      "demoInspector",
      "demoInspectorFail",
      "demoLinkPhone",
      "demoPhoneMessages",
      "demoPhoneSend",
      "demoReset",
      "demoStatus",
    ]);
    const { check } = matrix({ server, tenants: t, business4xx: BUSINESS_4XX, pathValues: { phone: ANI } });
    expect(await check(ops)).toEqual([]);
    // The right tenant's reset did act: a1's demo line is gone (its seeded demo profile replaces it).
    expect((await call(server, "/api/profiles?workspaceId=a1")).body.map((p: Json) => p.id)).not.toContain("da1");
  }, 180_000);
});
