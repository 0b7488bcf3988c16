import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "#lib/config/config.js";
import { createLogger, engineLogger, logSettings } from "#lib/logging/logger.js";
import { until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// #23: structured logs. pino lines (JSON off a terminal), MULTIWA_LOG_LEVEL, a child logger per request
// and per profile, secrets and media bytes redacted, Baileys logging through pino, and libsignal's own
// console lines (they print whole session records, private keys included) kept out of the output.
const ANI = "6281200000001";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function capture() {
  const lines: Json[] = [];
  const stream = new Writable({
    write: (chunk, _enc, done) => (
      lines.push(
        ...String(chunk)
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l)),
      ),
      done()
    ),
  });
  return { lines, stream };
}

const jsonLines = (output: string): Json[] =>
  output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));

describe("the logger", () => {
  it("redacts keys, tokens, webhook secrets, AI keys, credentials and media bytes at any depth", () => {
    const { lines, stream } = capture();
    const log = engineLogger(createLogger({ level: "debug", pretty: false }, stream));
    const secrets = [
      "mwa_live_0123456789abcdef",
      "whsec_abcdef0123456789",
      "sk-ai-0123456789abcdef",
      "hunter2-password",
      "Bearer tok_0123456789",
    ];
    log.info("a webhook was created", {
      webhook: { url: "https://example.com/hook", secret: secrets[1] },
      apiKey: secrets[0],
    });
    log.warn("ai reply failed", {
      settings: { ai: { apiKey: secrets[2], model: "gpt-4o-mini" } },
      headers: { authorization: secrets[4], "x-api-key": secrets[0] },
    });
    log.child!({ profileId: "sales" }).error("could not store credentials", {
      creds: { noiseKey: { private: Buffer.alloc(32, 7) } },
      user: { password: secrets[3] },
    });
    log.debug("media", {
      message: { image: { data: Buffer.alloc(2048, 1), base64: "A".repeat(5000), caption: "menu" } },
    });
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    expect(text).not.toContain("AAAAAAAAAAAAAAAA");
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: "a webhook was created",
      data: { webhook: { url: "https://example.com/hook", secret: "[redacted]" }, apiKey: "[redacted]" },
    });
    expect(lines[1].data.settings.ai).toEqual({ apiKey: "[redacted]", model: "gpt-4o-mini" });
    expect(lines[2]).toMatchObject({
      level: 50,
      profileId: "sales",
      data: { creds: "[redacted]", user: { password: "[redacted]" } },
    });
    expect(lines[3].data.message.image).toEqual({ data: "[2048 bytes]", base64: "[5000 chars]", caption: "menu" });
  });

  it("reads MULTIWA_LOG_LEVEL, and is pretty only on a terminal outside production", () => {
    expect(logSettings(parseConfig({}), false)).toEqual({ level: "info", pretty: false });
    expect(logSettings(parseConfig({ MULTIWA_LOG_LEVEL: "DEBUG" }), true)).toEqual({
      level: "debug",
      pretty: true,
    });
    expect(logSettings(parseConfig({ NODE_ENV: "production" }), true).pretty).toBe(false);
    expect(() => parseConfig({ MULTIWA_LOG_LEVEL: "loud" })).toThrow(
      /MULTIWA_LOG_LEVEL="loud": Invalid option: expected one of "trace"\|"debug"\|"info"/,
    );
  });
});

describe("the gateway's logs", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ MULTIWA_LOG_LEVEL: "debug", MULTIWA_RATE_LIMIT: "100000" });
  }, 300_000);
  afterAll(async () => server?.stop());

  it("writes JSON lines, one per request with its id, status and route, and never the caller's key", async () => {
    const ok = await server.api("/api/profiles", { headers: { "x-request-id": "req-logging-0001" } });
    expect(ok.headers.get("x-request-id")).toBe("req-logging-0001");
    const missing = await server.api("/api/profiles/nope");
    const generated = missing.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await until(async () => jsonLines(server.output()).some((l) => l.reqId === generated), 5000);
    const lines = jsonLines(server.output());
    expect(lines.find((l) => l.reqId === "req-logging-0001" && l.msg === "request")).toMatchObject({
      level: 20,
      method: "GET",
      path: "/api/profiles",
      status: 200,
      ms: expect.any(Number),
    });
    expect(lines.find((l) => l.reqId === generated && l.status === 404)).toMatchObject({
      level: 30,
      path: "/api/profiles/nope",
      msg: "request refused",
    });
    expect(lines.find((l) => l.msg?.startsWith("engines:"))).toMatchObject({ level: 30, engines: ["mock"] });
    expect(server.output()).not.toContain(server.key);
  });

  it("refuses an unknown MULTIWA_LOG_LEVEL at start-up", async () => {
    await expect(startServer({ MULTIWA_LOG_LEVEL: "loud" })).rejects.toThrow(
      /invalid configuration[\s\S]*MULTIWA_LOG_LEVEL="loud"/,
    );
  }, 120_000);
});

describe("a Baileys session on the simulator", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      MULTIWA_DEMO: "1",
      MULTIWA_ENGINES: "baileys,mock",
      MULTIWA_LOG_LEVEL: "debug",
      MULTIWA_ENGINE_LOG_LEVEL: "debug",
      MULTIWA_RATE_LIMIT: "100000",
    });
  }, 300_000);
  afterAll(async () => server?.stop());

  // Regression: libsignal printed "Closing session: SessionEntry { … privKey … }" into the gateway's output.
  it("prints no Signal session record or private key, and Baileys logs as JSON with the profile's id", async () => {
    const api = async (path: string, json?: unknown) =>
      (await server.api(path, json === undefined ? {} : { method: "POST", json })).json() as Promise<Json>;
    await server.api("/api/profiles/demo-line/start", { method: "POST" });
    await until(async () => (await api("/api/profiles/demo-line")).status === "qr", 30_000);
    expect((await server.api("/api/demo/profiles/demo-line/link", { method: "POST" })).status).toBe(201);
    await until(async () => (await api("/api/profiles/demo-line")).status === "open", 30_000);
    // Both directions, so each side opens (and the phone's first message replaces) Signal sessions.
    const hello = await api(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { type: "text", text: "Halo!" });
    await until(
      async () =>
        (await api(`/api/profiles/demo-line/chats/${ANI}/messages`)).messages?.some((m: Json) => m.id === hello.id),
      30_000,
    );
    const reply = await api("/api/profiles/demo-line/messages", {
      to: ANI,
      content: { type: "text", text: "Halo Ani" },
    });
    await until(
      async () =>
        (await api(`/api/demo/profiles/demo-line/phones/${ANI}/messages`)).some(
          (m: Json) => m.id === reply.id && m.status === "read",
        ),
      30_000,
    );
    await server.api("/api/profiles/demo-line/logout", { method: "POST" });
    await until(async () => (await api("/api/profiles/demo-line")).status !== "open", 30_000);

    const output = server.output();
    for (const leak of ["SessionEntry", "privKey", "_chains", "currentRatchet", "ephemeralKeyPair", "rootKey"])
      expect(output, leak).not.toContain(leak);
    const lines = jsonLines(output);
    // libsignal's lines survive only as a message at debug, their session argument dropped.
    const signal = lines.filter((l) => l.lib === "libsignal");
    expect(signal.length).toBeGreaterThan(0);
    for (const l of signal) expect(Object.keys(l).sort()).toEqual(["dropped", "level", "lib", "msg", "pid", "time"]);
    expect(output.split("\n").filter((l) => /(Opening|Closing) session/.test(l) && !l.startsWith("{"))).toEqual([]);
    // Baileys' own logs are pino lines of the engine's child logger, with the profile bound.
    expect(lines.some((l) => l.engine === "baileys" && l.profile === "demo-line")).toBe(true);
  }, 180_000);
});
