import { describe, expect, it } from "vitest";
import { createClient, MultiWAApiError } from "../src/index.js";

// Issue #19 item 7: the dashboard's client reads the signed-in key at call time, signs out on a 401 and uploads files.
function recorder(status = 200) {
  const calls: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: new Headers(init?.headers), body: init?.body });
    const body = status === 401 ? { code: "UNAUTHENTICATED", message: "bad key" } : [];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

describe("client options", () => {
  it("reads a function key and function headers at every call, and omits the key when there is none", async () => {
    const { calls, fetch } = recorder();
    let key: string | undefined = "first";
    let csrf = "c1";
    const client = createClient({
      baseUrl: "http://gw.test",
      apiKey: () => key,
      headers: () => ({ "x-csrf-token": csrf }),
      fetch,
    });
    await client.listKeys();
    key = "second";
    csrf = "c2";
    await client.listKeys();
    key = undefined;
    await client.listKeys();
    expect(calls.map((c) => [c.headers.get("x-api-key"), c.headers.get("x-csrf-token")])).toEqual([
      ["first", "c1"],
      ["second", "c2"],
      [null, "c2"],
    ]);
  });

  it("calls onUnauthorized on a 401 with the client's key, not with a per-call key", async () => {
    const { calls, fetch } = recorder(401);
    const told: MultiWAApiError[] = [];
    const client = createClient({
      baseUrl: "http://gw.test",
      apiKey: () => "k",
      fetch,
      onUnauthorized: (e) => told.push(e),
    });
    await expect(client.listKeys()).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(told).toHaveLength(1);
    expect(told[0]).toBeInstanceOf(MultiWAApiError);
    await expect(client.listKeys(undefined, { apiKey: "candidate" })).rejects.toBeInstanceOf(MultiWAApiError);
    expect(told).toHaveLength(1);
    expect(calls.at(-1)!.headers.get("x-api-key")).toBe("candidate");
  });

  it("sends a FormData body as multipart, with no JSON content type", async () => {
    const { calls, fetch } = recorder();
    const client = createClient({ baseUrl: "http://gw.test", apiKey: "k", fetch });
    const form = new FormData();
    form.set("file", new Blob(["phone\n+6281\n"], { type: "text/csv" }), "c.csv");
    await client.importContacts({ body: form });
    expect(calls[0]!.body).toBe(form);
    expect(calls[0]!.headers.get("content-type")).toBeNull();
    await client.createKey({ body: { name: "ci", permissions: ["keys.manage"] } });
    expect(calls[1]!.headers.get("content-type")).toBe("application/json");
  });

  it("hands an export back unread with raw, and still throws on an error status", async () => {
    const csv = "id,action\n1,keys.create\n";
    const client = createClient({
      baseUrl: "http://gw.test",
      apiKey: "k",
      fetch: async (url) =>
        String(url).includes("format=csv")
          ? new Response(csv, { headers: { "content-type": "text/csv" } })
          : new Response(JSON.stringify({ code: "FORBIDDEN", message: "no" }), { status: 403 }),
    });
    const response = await client.raw("auditLog", { query: { format: "csv" } });
    expect(await response.text()).toBe(csv);
    await expect(client.raw("auditLog")).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  // The dashboard's settings page checked /health with a hand-written fetch; the SDK has it now (it is not an operation).
  it("checks /health without the key, and a 401 there does not sign out", async () => {
    const calls: { url: string; key: string | null }[] = [];
    const told: unknown[] = [];
    const client = createClient({
      baseUrl: "http://gw.test/",
      apiKey: "k",
      onUnauthorized: (e) => told.push(e),
      fetch: async (url, init) => {
        calls.push({ url: String(url), key: new Headers(init?.headers).get("x-api-key") });
        return calls.length === 1
          ? Response.json({ ok: true, node: "n1", engines: ["mock"] })
          : Response.json({ code: "UNAUTHENTICATED", message: "no" }, { status: 401 });
      },
    });
    expect(await client.health()).toEqual({ ok: true, node: "n1", engines: ["mock"] });
    await expect(client.health()).rejects.toMatchObject({ status: 401 });
    expect(calls).toEqual([
      { url: "http://gw.test/health", key: null },
      { url: "http://gw.test/health", key: null },
    ]);
    expect(told).toEqual([]);
  });

  // The dashboard read the QR stream with EventSource and the key in the URL; live.qr sends it as a header.
  it("streams a profile's QR codes with the key in a header, not the URL", async () => {
    const calls: { url: string; key: string | null; accept: string | null }[] = [];
    const client = createClient({
      baseUrl: "http://gw.test",
      apiKey: () => "k1",
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        calls.push({ url: String(url), key: headers.get("x-api-key"), accept: headers.get("accept") });
        const body = 'event: qr\ndata: {"qr":"A","dataUrl":"data:a"}\n\nevent: status\ndata: {"status":"open"}\n\n';
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      },
    });
    const stop = new AbortController();
    const seen: unknown[] = [];
    for await (const e of client.live.qr("p 1", { signal: stop.signal })) {
      seen.push([e.event, e.data]);
      if (e.event === "status") stop.abort();
    }
    expect(seen).toEqual([
      ["qr", { qr: "A", dataUrl: "data:a" }],
      ["status", { status: "open" }],
    ]);
    expect(calls).toEqual([
      { url: "http://gw.test/api/profiles/p%201/qr/stream", key: "k1", accept: "text/event-stream" },
    ]);
  });
});
