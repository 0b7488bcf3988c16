import type { IncomingMessage, ServerResponse } from "node:http";
import { proto } from "@whiskeysockets/baileys";
import type { PhoneChatAction } from "../scenario/chat-actions.js";
import type { MediaKind } from "../scenario/content.js";
import type { SimPhone } from "../scenario/phone.js";
import type { WhatsAppSimulator } from "./simulator.js";
import { SIMULATOR_TLS_CERT } from "./tls.js";

type Body = Record<string, unknown>;
type Route = (sim: WhatsAppSimulator, body: Body, query: URLSearchParams) => Promise<unknown> | unknown;

const str = (b: Body, key: string): string => {
  const v = b[key];
  if (typeof v !== "string" || !v) throw new HttpError(400, `Missing string field \`${key}\``);
  return v;
};

const epoch = (b: Body, key: string): number => {
  const v = b[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new HttpError(400, `\`${key}\` must be epoch ms or null`);
  return v;
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const phoneOf = (sim: WhatsAppSimulator, id: string): SimPhone => {
  const p = sim.phone(id);
  if (!p) throw new HttpError(404, `Unknown phone \`${id}\``);
  return p;
};

const describePhone = (p: SimPhone) => ({
  phone: p.pn,
  lid: p.lid,
  jid: p.jid,
  name: p.name,
  devices: [...p.companions.values()].map((c) => ({
    jid: c.jid,
    device: c.device,
    online: c.online,
    removed: c.removed,
  })),
});

const CHAT_ACTIONS = ["archive", "pin", "mute", "markRead", "delete", "clear", "star"];

/** `{ archive: true }`, `{ mute: 1767225600000 }`, `{ star: { id, fromMe, starred } }`, …: exactly one known key. */
const chatAction = (b: Body): PhoneChatAction => {
  const action = b.action;
  const keys = action && typeof action === "object" ? Object.keys(action) : [];
  if (keys.length !== 1 || !CHAT_ACTIONS.includes(keys[0]!))
    throw new HttpError(400, `\`action\` must have exactly one of ${CHAT_ACTIONS.join(", ")}`);
  return action as PhoneChatAction;
};

/** Admin routes: small, JSON in/out, for driving the simulator from other processes. */
const routes: Record<string, Route> = {
  "GET /admin": (sim) => ({
    url: sim.url,
    phones: sim.phones.map(describePhone),
    groups: sim.groups.all.map((g) => ({ jid: g.jid, subject: g.subject, members: g.members().map((m) => m.jid) })),
  }),
  "GET /admin/cert": () => ({ cert: SIMULATOR_TLS_CERT }),
  "POST /admin/phones": (sim, b) =>
    describePhone(
      sim.createPhone({
        phone: b.phone as string | undefined,
        name: b.name as string | undefined,
        lid: b.lid as string | undefined,
      }),
    ),
  "POST /admin/scan": (sim, b) =>
    (sim.phone(str(b, "phone")) ?? sim.createPhone({ phone: str(b, "phone") })).scanQr(str(b, "qr")),
  "POST /admin/pairing-code": (sim, b) =>
    (sim.phone(str(b, "phone")) ?? sim.createPhone({ phone: str(b, "phone") })).enterPairingCode(str(b, "code")),
  "POST /admin/kick": (sim, b) => {
    phoneOf(sim, str(b, "phone")).kick(
      Number(b.device ?? 1),
      (b.reason as "logout" | "conflict" | "restart") ?? "logout",
    );
    return { ok: true };
  },
  "POST /admin/groups": (sim, b) => {
    const owner = phoneOf(sim, str(b, "owner"));
    const members = ((b.members as string[] | undefined) ?? []).map((m) =>
      sim.resolvePhone(m.includes("@") ? m : `${m}@s.whatsapp.net`)!,
    );
    const g = sim.groups.create(owner, str(b, "subject"), members);
    return { jid: g.jid, subject: g.subject };
  },
  "POST /admin/send": async (sim, b) => {
    const from = phoneOf(sim, str(b, "from"));
    const to = str(b, "to");
    const target = to.includes("@") ? to : `${to}@s.whatsapp.net`;
    const type = (b.type as string | undefined) ?? "text";
    const sent =
      type === "text"
        ? await from.sendText(target, str(b, "text"))
        : type === "location"
          ? await from.sendLocation(target, {
              latitude: Number(b.latitude),
              longitude: Number(b.longitude),
              name: b.name as string | undefined,
            })
          : type === "contact"
            ? await from.sendContact(target, str(b, "displayName"), str(b, "vcard"))
            : type === "reaction"
              ? await from.sendReaction(
                  target,
                  { id: str(b, "messageId"), remoteJid: from.jid, fromMe: false },
                  str(b, "emoji"),
                )
              : type === "poll"
                ? await from.sendPoll(target, str(b, "name"), (b.options as string[]) ?? [])
                : await from.sendMedia(target, type as MediaKind, {
                    data: Buffer.from(str(b, "data"), "base64"),
                    mimetype: b.mimetype as string | undefined,
                    caption: b.caption as string | undefined,
                    fileName: b.fileName as string | undefined,
                  });
    return { id: sent.id, chat: sent.chat };
  },
  /** The phone changes a chat (archive, pin, mute, …); its clients get a `server_sync`. */
  "POST /admin/chat": (sim, b) => ({
    version: phoneOf(sim, str(b, "phone")).changeChat(str(b, "chat"), chatAction(b)),
  }),
  /** History a device linked from now on receives (issue #21): `{ phone, chats, messagesPerChat, spanDays? }`. */
  "POST /admin/history": (sim, b) => {
    const history = phoneOf(sim, str(b, "phone")).setHistory({
      chats: Number(b.chats),
      messagesPerChat: Number(b.messagesPerChat),
      ...(b.spanDays !== undefined ? { spanDays: Number(b.spanDays) } : {}),
      ...(b.chunkMessages !== undefined ? { chunkMessages: Number(b.chunkMessages) } : {}),
    });
    return { chats: history.chats.length, messages: history.chats.reduce((n, c) => n + c.messages.length, 0) };
  },
  "GET /admin/chat": (sim, _b, q) => phoneOf(sim, q.get("phone") ?? "").chatSettings(q.get("chat") ?? ""),
  /**
   * WhatsApp's limits on new chats for a phone (server/limits.ts): `timelockUntil` / `cappedUntil` in epoch ms,
   * `null` lifts one; `notify: false` sets it without the mex notification (the client learns it from a 463).
   */
  "POST /admin/limits": (sim, b) => {
    const phone = phoneOf(sim, str(b, "phone"));
    const notify = b.notify !== false;
    if ("timelockUntil" in b)
      sim.limits.timelock(
        phone,
        b.timelockUntil === null
          ? null
          : { until: epoch(b, "timelockUntil"), enforcementType: b.enforcementType as string | undefined },
        notify,
      );
    if ("cappedUntil" in b)
      sim.limits.capping(
        phone,
        b.cappedUntil === null ? null : { until: epoch(b, "cappedUntil"), quota: b.quota as number | undefined },
        notify,
      );
    return sim.limits.state(phone);
  },
  "GET /admin/limits": (sim, _b, q) => {
    const phone = phoneOf(sim, q.get("phone") ?? "");
    return { ...sim.limits.state(phone), refused: sim.limits.refused.get(phone.pn) ?? 0 };
  },
  "GET /admin/messages": async (sim, _b, q) => {
    const phone = phoneOf(sim, q.get("phone") ?? "");
    const m = await phone.nextMessage({ timeoutMs: Number(q.get("timeoutMs") ?? 10_000) }).catch(() => undefined);
    return m
      ? {
          ...m,
          message: proto.Message.toObject(proto.Message.fromObject(m.message), {
            bytes: String,
            longs: Number,
            defaults: false,
          }),
        }
      : null;
  },
};

/** Serves `/admin/*`; returns false for other paths. */
export const handleAdmin = (sim: WhatsAppSimulator, req: IncomingMessage, res: ServerResponse): boolean => {
  const url = new URL(req.url ?? "/", "http://simulator");
  if (!url.pathname.startsWith("/admin")) return false;
  const route = routes[`${req.method} ${url.pathname.replace(/\/$/, "")}`];
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      if (!route) throw new HttpError(404, `No route ${req.method} ${url.pathname}`);
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Body) : {};
      const result = await route(sim, body, url.searchParams);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null));
    } catch (err) {
      const status = err instanceof HttpError ? err.status : err instanceof SyntaxError ? 400 : 500;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: (err as Error).message }));
    }
  });
  return true;
};
