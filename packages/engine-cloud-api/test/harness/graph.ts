import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine, EngineSession, InboundContent, WAMessage } from "@multiwa/core";
import type { EngineHarness, TestPeer } from "@multiwa/core/testing";
import { GraphApiSimulator, type BusinessMessage } from "@multiwa/simulator";
import { cloudApiEngine, type CloudApiEngineOptions } from "../../src/index.js";

export const SETTINGS = {
  phoneNumberId: "200000000000001",
  wabaId: "100000000000001",
  accessToken: "sim-access-token",
  appSecret: "sim-app-secret",
  verifyToken: "verify-token-123",
};

/**
 * A Graph API simulator plus a minimal ingress (what the gateway's `/api/ingress/meta/{profileId}`
 * does: challenge, signature check, hand to the profile's session). The peer is a simulated customer.
 */
export async function graphHarness(
  options: Partial<CloudApiEngineOptions> = {},
): Promise<EngineHarness & { sim: GraphApiSimulator }> {
  const sessions = new Map<string, EngineSession>();
  let engine: Engine | undefined;
  const ingress = await listen((profileId, method, query, body, headers) => {
    if (!engine?.ingress) return { status: 503, body: "" };
    if (method === "GET") {
      const answer = engine.ingress.challenge({}, query);
      return answer ? { status: 200, body: answer } : { status: 403, body: "" };
    }
    if (!engine.ingress.verify({}, body, headers)) return { status: 401, body: "" };
    const session = sessions.get(profileId);
    // No session yet: Meta retries, as it does while a gateway restarts.
    if (!session?.ingest) return { status: 503, body: "" };
    void session.ingest(JSON.parse(Buffer.from(body).toString("utf8")));
    return { status: 200, body: "" };
  });
  const publicUrl = `http://127.0.0.1:${(ingress.address() as AddressInfo).port}`;
  const sim = new GraphApiSimulator({
    appSecret: SETTINGS.appSecret,
    accessToken: SETTINGS.accessToken,
    wabaId: SETTINGS.wabaId,
    webhookUrl: `${publicUrl}/api/ingress/meta/conformance`,
    retryDelaysMs: [50, 100, 200, 400, 800, 1600, 3200, 5000, 5000],
  });
  const graphUrl = await sim.start();
  const base = cloudApiEngine({ graphUrl, defaults: SETTINGS, publicUrl, ...options });
  engine = {
    ...base,
    createSession: (ctx) => {
      const s = base.createSession(ctx);
      sessions.set(ctx.profileId, s);
      return s;
    },
  };
  return {
    sim,
    engine,
    phone: sim.numbers[0]!.phone,
    scanQr: async () => {
      throw new Error("the Cloud API has no QR login");
    },
    createPeer: async () => peerOf(sim, `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`),
    close: async () => {
      await sim.close();
      await new Promise<void>((r) => ingress.close(() => r()));
    },
  };
}

/** A simulated customer as the suite's peer; it writes first, as the 24-hour window requires. */
async function peerOf(sim: GraphApiSimulator, waId: string): Promise<TestPeer> {
  const customer = sim.customer(waId, { name: "Peer" });
  await customer.sendText("hello business");
  // The peer sees wamids; the suite checks MultiWA ids, which come back as biz_opaque_callback_data.
  const ours = (wamid: string) => sim.sent.find((m) => m.id === wamid)?.bizOpaqueCallbackData ?? wamid;
  return {
    jid: `${waId}@s.whatsapp.net`,
    sendText: (_to, text) => customer.sendText(text),
    nextMessage: async (timeoutMs) => toWAMessage(sim, await customer.nextMessage(timeoutMs), ours),
    markRead: async (_sender, ids) =>
      customer.read(sim.sent.filter((m) => ids.includes(m.bizOpaqueCallbackData ?? m.id)).map((m) => m.id)),
  };
}

function toWAMessage(sim: GraphApiSimulator, m: BusinessMessage, ours: (wamid: string) => string): WAMessage {
  const body = m.body as Record<string, any>;
  const mime = (id: unknown) => (typeof id === "string" ? sim.media.get(id)?.mimeType : undefined);
  let content: InboundContent;
  if (m.type === "text") content = { type: "text", text: body.body };
  else if (["image", "video", "audio", "document", "sticker"].includes(m.type)) {
    content = {
      type: m.type as "image",
      ...(mime(body.id) ? { mimetype: mime(body.id) } : {}),
      ...(body.caption ? { caption: body.caption } : {}),
      ...(body.filename ? { fileName: body.filename } : {}),
      ...(body.voice ? { ptt: true } : {}),
    };
  } else if (m.type === "location")
    content = {
      type: "location",
      latitude: body.latitude,
      longitude: body.longitude,
      ...(body.name ? { name: body.name } : {}),
    };
  else if (m.type === "contacts")
    content = { type: "contact", contacts: (m.body as unknown as any[]).map((c) => ({ name: c.name.formatted_name })) };
  else if (m.type === "reaction")
    content = { type: "reaction", emoji: body.emoji, target: { id: ours(body.message_id) } };
  else content = { type: "unknown", raw: m.type };
  return {
    id: ours(m.id),
    chatId: `${m.to}@s.whatsapp.net`,
    sender: `${sim.numbers[0]!.phone}@s.whatsapp.net`,
    fromMe: false,
    timestamp: m.timestamp,
    content,
    ...(m.replyTo ? { quotedId: ours(m.replyTo) } : {}),
  };
}

type Handler = (
  profileId: string,
  method: string,
  query: Record<string, string>,
  body: Uint8Array,
  headers: Record<string, string | undefined>,
) => { status: number; body: string };

function listen(handler: Handler): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://ingress.local");
      const profileId = url.pathname.split("/").at(-1) ?? "";
      const answer = handler(
        profileId,
        req.method ?? "GET",
        Object.fromEntries(url.searchParams),
        Buffer.concat(chunks),
        req.headers as Record<string, string>,
      );
      res.writeHead(answer.status).end(answer.body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
