import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parseEventStream, type GatewayEvent } from "../../packages/sdk/src/index.js";
import { startServer, type RunningServer } from "./helpers/server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
  await server.api("/api/profiles", { method: "POST", json: { id: "live", name: "Live", engine: "mock" } });
  await server.api("/api/profiles/live/start", { method: "POST" });
  const { qr } = (await (await server.api("/api/profiles/live/qr")).json()) as { qr: string };
  await server.api("/api/mock/scan", { method: "POST", json: { qr, phone: "628111000222" } });
  // Open before any stream starts, so no late status event comes between a test's own events.
  for (
    let i = 0;
    i < 100 && ((await (await server.api("/api/profiles/live")).json()) as { status: string }).status !== "open";
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => server?.stop());

function connect(query: string): Promise<{
  ws: WebSocket;
  messages: Record<string, unknown>[];
  next(type: string): Promise<Record<string, unknown>>;
}> {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/ws${query}`);
  const messages: Record<string, unknown>[] = [];
  const waiters: [string, (m: Record<string, unknown>) => void][] = [];
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data));
    const waiter = waiters.findIndex(([type]) => m.type === type);
    if (waiter < 0) return void messages.push(m);
    const [[, resolve]] = waiters.splice(waiter, 1) as [[string, (m: Record<string, unknown>) => void]];
    resolve(m);
  };
  const next = (type: string) => {
    const found = messages.find((m) => m.type === type);
    if (found) return (messages.splice(messages.indexOf(found), 1), Promise.resolve(found));
    return new Promise<Record<string, unknown>>((resolve) => waiters.push([type, resolve]));
  };
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve({ ws, messages, next });
    ws.onerror = () => reject(new Error("websocket refused"));
  });
}

describe("WebSocket events", () => {
  it("streams a subscribed profile's events", async () => {
    const client = await connect(`?apiKey=${server.key}`);
    await client.next("ready");
    client.ws.send(JSON.stringify({ subscribe: "live" }));
    expect(await client.next("subscribed")).toMatchObject({ profileId: "live" });
    await server.api("/api/mock/phones/628999000111/messages", {
      method: "POST",
      json: { to: "628111000222", text: "over ws" },
    });
    let event = await client.next("event");
    while (event.event !== "message.received") event = await client.next("event");
    expect(event).toMatchObject({
      event: "message.received",
      data: { profileId: "live", content: { text: "over ws" } },
    });
    client.ws.send("not json");
    expect(await client.next("error")).toMatchObject({ code: "MALFORMED_JSON" });
    client.ws.send(JSON.stringify({ subscribe: "nobody" }));
    expect(await client.next("error")).toMatchObject({ code: "PROFILE_NOT_FOUND" });
    client.ws.close();
  });

  it("refuses connections without a valid key", async () => {
    await expect(connect("?apiKey=wrong")).rejects.toThrow(/refused/);
    await expect(connect("")).rejects.toThrow(/refused/);
  });
});

describe("server-sent events", () => {
  /** Opens the profile's stream and reads events until `until` says stop; then drops the connection. */
  async function readStream(
    headers: Record<string, string>,
    until: (seen: GatewayEvent[]) => boolean,
    onReady?: () => Promise<unknown>,
  ): Promise<GatewayEvent[]> {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/profiles/live/events`, {
      headers: { "x-api-key": server.key, ...headers },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const seen: GatewayEvent[] = [];
    for await (const event of parseEventStream(response.body!)) {
      seen.push(event);
      if (event.event === "ready") void onReady?.();
      if (until(seen)) break;
    }
    controller.abort();
    return seen;
  }
  const phoneSays = (text: string) =>
    server.api("/api/mock/phones/628999000111/messages", { method: "POST", json: { to: "628111000222", text } });
  const texts = (events: GatewayEvent[]) =>
    events
      .filter((e) => e.event === "message.received")
      .map((e) => (e.data as { content: { text: string } }).content.text);

  it("numbers events and replays what a dropped client missed when it comes back with Last-Event-ID", async () => {
    const first = await readStream(
      {},
      (seen) => texts(seen).includes("before the drop"),
      () => phoneSays("before the drop"),
    );
    const lastId = first.at(-1)!.id!;
    expect(lastId).toMatch(/^\w+-\d+$/);
    // While no stream is open:
    await phoneSays("missed one");
    await phoneSays("missed two");
    await expect
      .poll(async () =>
        JSON.stringify(
          await (
            await server.api(`/api/profiles/live/chats/${encodeURIComponent("628999000111@s.whatsapp.net")}/messages`)
          ).json(),
        ),
      )
      .toContain("missed two");
    const resumed = await readStream({ "last-event-id": lastId }, (seen) => texts(seen).length >= 2);
    expect(resumed[0]).toMatchObject({ event: "ready", data: { complete: true } });
    expect(texts(resumed)).toEqual(["missed one", "missed two"]);
    // An id from another process (a restart) cannot be vouched for: the client is told.
    const foreign = await readStream({ "last-event-id": "zzz-1" }, (seen) => seen.length >= 1);
    expect(foreign[0]).toMatchObject({ event: "ready", data: { complete: false } });
  });
});
