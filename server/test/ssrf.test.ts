import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginProfile, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Regression: #17 (findings 3 and 4) through the REST API of a gateway started without
// MULTIWA_WEBHOOK_ALLOW_PRIVATE: every URL-taking setting refuses internal targets when it is saved
// (4xx naming the setting), media URLs are never fetched from the internal network, and the AI key
// never lands in the audit log. A loopback canary counts what reached it.
let server: RunningServer;
let canary: Server;
let hits = 0;
let port = 0;
beforeAll(async () => {
  canary = createServer(
    (_req, res) => (hits++, res.writeHead(200, { "content-type": "image/png" }).end("internal secret")),
  );
  await new Promise<void>((r) => canary.listen(0, "127.0.0.1", r));
  port = (canary.address() as AddressInfo).port;
  server = await startServer({ MULTIWA_RATE_LIMIT: "100000" });
  await loginProfile(server, "ssrf", "628100000077");
}, 180_000);
afterAll(async () => {
  await server?.stop();
  canary.closeAllConnections();
  await new Promise((r) => canary.close(r));
});

const internal = () => [
  `http://[::ffff:127.0.0.1]:${port}/`,
  `http://[::ffff:7f00:1]:${port}/`,
  `http://2130706433:${port}/`,
  `http://0x7f.1:${port}/`,
  `http://0.0.0.0:${port}/`,
  "http://169.254.169.254/latest/meta-data/",
  "http://[fd00::1]/",
  `http://localhost:${port}/`,
];

async function refused(res: Response, field: string): Promise<void> {
  const body = (await res.json()) as { code: string; message: string; field?: string };
  expect([res.status, body.code, body.field], JSON.stringify(body)).toEqual([422, "VALIDATION_FAILED", field]);
  expect(body.message).toContain("MULTIWA_WEBHOOK_ALLOW_PRIVATE");
}

describe("outbound targets are refused when saved", () => {
  it("webhooks (create and update), rule webhook actions, flow HTTP nodes, the AI endpoint", async () => {
    const created = await server.api("/api/webhooks", {
      method: "POST",
      json: { url: "https://93.184.216.34/hook", profileId: "ssrf" },
    });
    expect(created.status).toBe(201);
    const { webhook } = (await created.json()) as { webhook: { id: string } };
    for (const url of internal()) {
      await refused(await server.api("/api/webhooks", { method: "POST", json: { url } }), "url");
      await refused(await server.api(`/api/webhooks/${webhook.id}`, { method: "PATCH", json: { url } }), "url");
      await refused(
        await server.api("/api/rules", {
          method: "POST",
          json: {
            name: "r",
            trigger: { type: "keyword", keywords: ["x"] },
            actions: [
              { type: "reply", text: "a" },
              { type: "webhook", url },
            ],
          },
        }),
        "actions.1.url",
      );
      const nodes = [
        { id: "s", type: "start", data: {} },
        { id: "h", type: "http_request", data: { method: "GET", url } },
      ];
      await refused(
        await server.api("/api/flows", {
          method: "POST",
          json: { name: "f", nodes, edges: [{ id: "e", source: "s", target: "h" }] },
        }),
        "nodes.1.data.url",
      );
      await refused(
        await server.api("/api/automation/settings", { method: "PUT", json: { ai: { baseUrl: url, model: "m" } } }),
        "ai.baseUrl",
      );
    }
    expect(hits).toBe(0);
  });
});

describe("content.media.url", () => {
  it("an internal URL fails the message; nothing is read from the internal network", async () => {
    for (const url of internal().slice(0, 5)) {
      const res = await server.api("/api/profiles/ssrf/messages", {
        method: "POST",
        json: { to: "628123456789", content: { type: "image", media: { url: `${url}secret.png` } } },
      });
      const { id } = (await res.json()) as { id: string };
      const final = await until(async () => {
        const m = (await (await server.api(`/api/profiles/ssrf/messages/${id}`)).json()) as {
          status: string;
          error?: { message: string };
        };
        return m.status === "failed" && m;
      }, 20_000);
      expect(final.error?.message).toMatch(/not allowed/);
    }
    expect(hits).toBe(0);
  }, 120_000);
});

describe("secrets in the audit log", () => {
  // Regression: #17 (finding 4) — the AI key was kept in clear in audit entries readable with `audit.read`.
  it("the AI key, webhook secrets and passwords are redacted", async () => {
    const key = "sk-audit-must-not-leak-0123";
    expect(
      (
        await server.api("/api/automation/settings", {
          method: "PUT",
          json: { ai: { baseUrl: "https://93.184.216.34/v1", apiKey: key, model: "m" } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await server.api("/api/webhooks", {
          method: "POST",
          json: { url: "https://93.184.216.34/h2", secret: "whsec_audit_secret_0123456789" },
        })
      ).status,
    ).toBe(201);
    const audit = await (await server.api("/api/audit?limit=50")).text();
    expect(audit).toContain("/api/automation/settings");
    expect(audit).not.toContain(key);
    expect(audit).not.toContain("whsec_audit_secret_0123456789");
    expect(audit).toContain("[redacted]");
  });
});
