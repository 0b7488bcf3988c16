import { expect } from "vitest";
import { startServer, type RunningServer } from "./server.js";

export type { RunningServer };

/** A built gateway on the mock engine with profile `id` logged in as phone `me`. */
export async function gatewayWithProfile(
  id: string,
  me: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const server = await startServer({ MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1", ...env });
  await loginProfile(server, id, me);
  return server;
}

export async function loginProfile(server: RunningServer, id: string, me: string): Promise<void> {
  expect((await server.api("/api/profiles", { method: "POST", json: { id, name: id, engine: "mock" } })).status).toBe(
    201,
  );
  await server.api(`/api/profiles/${id}/start`, { method: "POST" });
  const qr = await until(
    async () => ((await (await server.api(`/api/profiles/${id}/qr`)).json()) as { qr?: string }).qr,
  );
  expect((await server.api("/api/mock/scan", { method: "POST", json: { qr, phone: me } })).status).toBe(204);
  await until(
    async () => ((await (await server.api(`/api/profiles/${id}`)).json()) as { status: string }).status === "open",
  );
}

/** What a simulated phone has received so far. */
export async function phoneInbox(
  server: RunningServer,
  phone: string,
): Promise<{ id: string; content: Record<string, unknown> }[]> {
  return (await (await server.api(`/api/mock/phones/${phone}/messages`)).json()) as {
    id: string;
    content: Record<string, unknown>;
  }[];
}

/** A response's JSON body, typed by the caller. */
export async function json<T = Record<string, unknown>>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

/** Polls until `fn` returns something truthy (usable outside a test, unlike expect.poll). */
export async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
