import { z } from 'zod';
import { al as MultiWAError } from '../nitro/nitro.mjs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import 'node:http';
import 'node:https';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:fs';
import 'node:path';
import 'node:net';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const ENGINE_NAME = "cloud-api";
const DEFAULT_GRAPH_VERSION = "v25.0";
const secret = (schema) => schema.meta({ secret: true });
const CloudSettingsSchema = z.object({
  /** The business number's id (not the number itself). */
  phoneNumberId: secret(z.string().regex(/^\d{5,20}$/, "must be the numeric phone-number id")),
  /** The WhatsApp Business Account id. */
  wabaId: secret(z.string().regex(/^\d{5,20}$/, "must be the numeric WABA id")),
  /** A system-user access token with whatsapp_business_messaging and _management. */
  accessToken: secret(z.string().min(8, "must be a system-user access token")),
  /** Signs the webhooks Meta posts (X-Hub-Signature-256). */
  appSecret: secret(z.string().min(8, "must be the app secret")),
  /** What the webhook subscription's challenge must echo. */
  verifyToken: secret(z.string().min(8, "must be at least 8 characters")),
  /** @default "v25.0" */
  graphVersion: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").optional(),
  /** Sends per second this number may make (Meta's default 80, up to 1,000 after upgrade). @default 80 */
  messagesPerSecond: z.number().int().min(1).max(1e3).optional()
});

var __defProp$3 = Object.defineProperty;
var __defNormalProp$3 = (obj, key, value) => key in obj ? __defProp$3(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$3 = (obj, key, value) => __defNormalProp$3(obj, typeof key !== "symbol" ? key + "" : key, value);
const RETRYABLE_CODES = /* @__PURE__ */ new Set([130429, 131056, 80007, 131e3, 2, 1]);
class GraphClient {
  constructor(graphUrl, settings, fetchFn = fetch) {
    __publicField$3(this, "settings", settings);
    __publicField$3(this, "fetchFn", fetchFn);
    __publicField$3(this, "base");
    var _a;
    this.base = `${graphUrl.replace(/\/$/, "")}/${(_a = settings.graphVersion) != null ? _a : DEFAULT_GRAPH_VERSION}`;
  }
  get(path) {
    return this.request("GET", path);
  }
  post(path, body) {
    return this.request("POST", path, body);
  }
  delete(path) {
    return this.request("DELETE", path);
  }
  async request(method, path, body) {
    var _a;
    const form = body instanceof FormData;
    const response = await this.fetchFn(`${this.base}/${path.replace(/^\//, "")}`, {
      method,
      headers: { authorization: `Bearer ${this.settings.accessToken}`, ...body !== void 0 && !form ? { "content-type": "application/json" } : {} },
      ...body !== void 0 ? { body: form ? body : JSON.stringify(body) } : {},
      signal: AbortSignal.timeout(3e4)
    }).catch((cause) => {
      throw new MultiWAError("SEND_FAILED", `Graph API unreachable at ${this.base}: ${cause.message}`, { cause, scope: ENGINE_NAME, details: { retryable: true } });
    });
    const text = await response.text();
    const json = text ? safeJson(text) : {};
    if (response.ok) return json;
    throw graphError((_a = json.error) != null ? _a : { message: `HTTP ${response.status}`, code: response.status });
  }
  /** Raw bytes from a media URL Meta handed out; it needs the same token. */
  async download(url) {
    const response = await this.fetchFn(url, { headers: { authorization: `Bearer ${this.settings.accessToken}` }, signal: AbortSignal.timeout(6e4) });
    if (!response.ok) throw new MultiWAError("SEND_FAILED", `Media download failed with HTTP ${response.status}`, { scope: ENGINE_NAME });
    return new Uint8Array(await response.arrayBuffer());
  }
}
function graphError(error) {
  var _a;
  const details = (_a = error.error_data) == null ? void 0 : _a.details;
  const code = error.code === 190 ? "UNAUTHENTICATED" : error.code === 100 || error.code === 131009 || error.code === 131008 ? "VALIDATION_FAILED" : "SEND_FAILED";
  return new MultiWAError(code, `Meta error ${error.code}: ${error.message}${details ? ` (${details})` : ""}`, {
    scope: ENGINE_NAME,
    details: {
      metaCode: error.code,
      retryable: RETRYABLE_CODES.has(error.code),
      ...error.error_subcode ? { metaSubcode: error.error_subcode } : {},
      ...error.fbtrace_id ? { fbtraceId: error.fbtrace_id } : {}
    }
  });
}
function metaCodeOf(error) {
  var _a;
  return (_a = error == null ? void 0 : error.details) == null ? void 0 : _a.metaCode;
}
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text.slice(0, 200), code: 1 } };
  }
}

var __defProp$2 = Object.defineProperty;
var __defNormalProp$2 = (obj, key, value) => key in obj ? __defProp$2(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$2 = (obj, key, value) => __defNormalProp$2(obj, key + "" , value);
class IdMap {
  constructor(storage) {
    __publicField$2(this, "storage", storage);
  }
  async link(id, wamid) {
    await Promise.all([this.storage.setItem(`cloud:wamid:${id}`, wamid), this.storage.setItem(`cloud:mwid:${wamid}`, id)]);
  }
  /** Our id of a wamid (the wamid itself when it was not ours: an inbound message). */
  async idOf(wamid) {
    var _a;
    return (_a = await this.storage.getItem(`cloud:mwid:${wamid}`)) != null ? _a : wamid;
  }
  /** Meta's wamid of our id (the id itself when it already is one). */
  async wamidOf(id) {
    var _a;
    return (_a = await this.storage.getItem(`cloud:wamid:${id}`)) != null ? _a : id;
  }
  async rememberMedia(wamid, mediaId) {
    await this.storage.setItem(`cloud:media:${wamid}`, mediaId);
  }
  /** Stored values that look numeric come back as numbers from some drivers: ids are always strings. */
  async mediaOf(wamid) {
    const id = await this.storage.getItem(`cloud:media:${wamid}`);
    return id === null || id === void 0 ? null : String(id);
  }
  /** Marks a webhook item seen; false when it was seen before (Meta retries deliveries for days). */
  async firstSight(key) {
    const k = `cloud:seen:${key}`;
    if (await this.storage.hasItem(k)) return false;
    await this.storage.setItem(k, Date.now());
    return true;
  }
  /** BSUID ↔ phone, as Meta reveals them together; replies to a BSUID go to the phone when known. */
  async linkUser(bsuid, phone) {
    await this.storage.setItem(`cloud:bsuid:${bsuid}`, phone);
  }
  async phoneOf(bsuid) {
    const phone = await this.storage.getItem(`cloud:bsuid:${bsuid}`);
    return phone === null || phone === void 0 ? null : String(phone);
  }
}

const WINDOW_MS = 24 * 60 * 60 * 1e3;
function windowKey(user) {
  return `cloud:window:${user}`;
}
async function touchWindow(storage, user, at) {
  await storage.setItem(windowKey(user), at);
}
async function windowOpen(storage, user, now = Date.now()) {
  const last = await storage.getItem(windowKey(user));
  return typeof last === "number" && now - last < WINDOW_MS;
}

async function ingestPayload(payload, deps) {
  var _a, _b, _c, _d, _e, _f;
  const entries = payload == null ? void 0 : payload.entry;
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    for (const change of (_a = entry == null ? void 0 : entry.changes) != null ? _a : []) {
      const value = (_b = change == null ? void 0 : change.value) != null ? _b : {};
      if (change.field === "messages") {
        const contacts = (_c = value.contacts) != null ? _c : [];
        for (const message of (_d = value.messages) != null ? _d : []) await onMessage(message, contacts, deps);
        for (const status of (_e = value.statuses) != null ? _e : []) await onStatus(status, deps);
      } else if (change.field === "smb_message_echoes") {
        for (const echo of (_f = value.message_echoes) != null ? _f : []) await onEcho(echo, deps);
      } else if (change.field === "message_template_status_update" && await deps.ids.firstSight(`t:${value.message_template_id}:${value.event}`)) {
        deps.emit("template.status", {
          name: String(value.message_template_name),
          language: String(value.message_template_language),
          status: String(value.event),
          ...value.reason && value.reason !== "NONE" ? { reason: String(value.reason) } : {}
        });
      }
    }
  }
}
function userJid(phone, bsuid) {
  return phone ? `${phone}@s.whatsapp.net` : `${bsuid}@bsuid`;
}
async function onMessage(m, contacts, deps) {
  var _a, _b, _c, _d, _e, _f, _g, _h, _i;
  if (typeof m.id !== "string" || !await deps.ids.firstSight(`m:${m.id}`)) return;
  const contact = (_a = contacts.find((c) => m.from && c.wa_id === m.from || m.from_user_id && c.user_id === m.from_user_id)) != null ? _a : contacts[0];
  const phone = (_b = m.from) != null ? _b : contact == null ? void 0 : contact.wa_id;
  const bsuid = (_c = m.from_user_id) != null ? _c : contact == null ? void 0 : contact.user_id;
  if (!phone && !bsuid) return;
  if (phone && bsuid) await deps.ids.linkUser(bsuid, phone);
  const chatId = userJid(phone, bsuid);
  const timestamp = Number(m.timestamp) * 1e3 || Date.now();
  await touchWindow(deps.storage, chatId, timestamp);
  if (phone && bsuid) await touchWindow(deps.storage, userJid(void 0, bsuid), timestamp);
  const quoted = ((_d = m.context) == null ? void 0 : _d.id) ? await deps.ids.idOf(m.context.id) : void 0;
  if (m.type === "reaction") {
    deps.emit("message.reaction", { chatId, sender: chatId, target: { id: await deps.ids.idOf((_e = m.reaction) == null ? void 0 : _e.message_id), fromMe: true }, emoji: (_g = (_f = m.reaction) == null ? void 0 : _f.emoji) != null ? _g : "", timestamp });
    return;
  }
  const media = (_h = m[m.type]) == null ? void 0 : _h.id;
  if (typeof media === "string" && MEDIA.has(m.type)) await deps.ids.rememberMedia(m.id, media);
  const message = {
    id: m.id,
    chatId,
    sender: chatId,
    fromMe: false,
    timestamp,
    content: toInbound(m),
    ...((_i = contact == null ? void 0 : contact.profile) == null ? void 0 : _i.name) ? { pushName: contact.profile.name } : {},
    ...quoted ? { quotedId: quoted } : {}
  };
  deps.emit("message.received", message);
}
async function onStatus(s, deps) {
  var _a, _b, _c, _d, _e;
  if (typeof s.id !== "string" || !await deps.ids.firstSight(`s:${s.id}:${s.status}`)) return;
  const id = typeof s.biz_opaque_callback_data === "string" && s.biz_opaque_callback_data ? s.biz_opaque_callback_data : await deps.ids.idOf(s.id);
  const chatId = userJid(s.recipient_id, s.recipient_user_id);
  const timestamp = Number(s.timestamp) * 1e3 || Date.now();
  if (s.status === "delivered") deps.emit("message.delivered", { chatId, ids: [id], by: chatId, timestamp });
  else if (s.status === "read") deps.emit("message.read", { chatId, ids: [id], by: chatId, timestamp });
  else if (s.status === "failed") {
    const error = (_b = (_a = s.errors) == null ? void 0 : _a[0]) != null ? _b : {};
    const metaCode = Number(error.code);
    deps.emit("message.failed", {
      id,
      to: chatId,
      error: {
        // The window closing after the send was accepted is the same rule the preflight enforces.
        code: metaCode === 131047 ? "WINDOW_CLOSED" : "SEND_FAILED",
        message: `Meta error ${metaCode}: ${(_d = (_c = error.title) != null ? _c : error.message) != null ? _d : "failed"}${((_e = error.error_data) == null ? void 0 : _e.details) && error.error_data.details !== error.title ? ` (${error.error_data.details})` : ""}`,
        details: { metaCode, retryable: false }
      }
    });
  }
}
async function onEcho(e, deps) {
  if (typeof e.id !== "string" || !await deps.ids.firstSight(`e:${e.id}`)) return;
  const chatId = userJid(e.to, e.to_user_id);
  deps.emit("message.sent", { id: e.id, chatId, sender: `${e.from}@s.whatsapp.net`, fromMe: true, timestamp: Number(e.timestamp) * 1e3 || Date.now(), content: toInbound(e) });
}
const MEDIA = /* @__PURE__ */ new Set(["image", "video", "audio", "document", "sticker"]);
function toInbound(m) {
  var _a, _b, _c, _d, _e, _f, _g, _h, _i;
  const body = (_a = m[m.type]) != null ? _a : {};
  switch (m.type) {
    case "text":
      return { type: "text", text: String((_b = body.body) != null ? _b : "") };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return {
        type: m.type,
        ...body.mime_type ? { mimetype: body.mime_type } : {},
        ...body.caption ? { caption: body.caption } : {},
        ...body.filename ? { fileName: body.filename } : {},
        ...m.type === "audio" && body.voice ? { ptt: true } : {}
      };
    case "location":
      return { type: "location", latitude: body.latitude, longitude: body.longitude, ...body.name ? { name: body.name } : {}, ...body.address ? { address: body.address } : {} };
    case "contacts":
      return { type: "contact", contacts: ((_c = m.contacts) != null ? _c : []).map((c) => {
        var _a2, _b2, _c2, _d2;
        return { name: (_b2 = (_a2 = c.name) == null ? void 0 : _a2.formatted_name) != null ? _b2 : "", ...((_d2 = (_c2 = c.phones) == null ? void 0 : _c2[0]) == null ? void 0 : _d2.phone) ? { phone: c.phones[0].phone } : {} };
      }) };
    case "interactive": {
      const reply = (_e = (_d = body.button_reply) != null ? _d : body.list_reply) != null ? _e : {};
      return { type: "interactive_reply", id: String((_f = reply.id) != null ? _f : ""), title: String((_g = reply.title) != null ? _g : ""), ...reply.description ? { description: reply.description } : {} };
    }
    case "button":
      return { type: "interactive_reply", id: String((_h = body.payload) != null ? _h : ""), title: String((_i = body.text) != null ? _i : "") };
    default:
      return { type: "unknown", raw: String(m.type) };
  }
}

async function toCloudMessage(content, upload, wamidOf) {
  var _a, _b;
  switch (content.type) {
    case "text":
      return { type: "text", body: { body: content.text, preview_url: /https?:\/\//.test(content.text) } };
    case "image":
    case "video":
    case "sticker": {
      const id = await upload(content.media.data, content.media.mimetype);
      return { type: content.type, body: { id, ...content.caption && content.type !== "sticker" ? { caption: content.caption } : {} } };
    }
    case "audio": {
      const id = await upload(content.media.data, content.media.mimetype);
      return { type: "audio", body: { id, ...content.ptt ? { voice: true } : {} } };
    }
    case "document": {
      const id = await upload(content.media.data, content.media.mimetype, content.fileName);
      return { type: "document", body: { id, ...content.caption ? { caption: content.caption } : {}, ...content.fileName ? { filename: content.fileName } : {} } };
    }
    case "location":
      return { type: "location", body: { latitude: content.latitude, longitude: content.longitude, ...content.name ? { name: content.name } : {}, ...content.address ? { address: content.address } : {} } };
    case "contact":
      return {
        type: "contacts",
        body: content.contacts.map((c) => ({
          name: { formatted_name: c.name, first_name: c.name.split(" ")[0] },
          phones: [{ phone: c.phone, type: "CELL", wa_id: c.phone.replace(/\D/g, "") }],
          ...c.organization ? { org: { company: c.organization } } : {}
        }))
      };
    case "reaction":
      return { type: "reaction", body: { message_id: await wamidOf(content.target.id), emoji: content.emoji } };
    case "interactive":
      return { type: "interactive", body: interactive(content) };
    case "template":
      return {
        type: "template",
        body: {
          name: content.name,
          language: { code: content.language },
          components: [
            ...((_a = content.headerParameters) == null ? void 0 : _a.length) ? [{ type: "header", parameters: content.headerParameters.map((text) => ({ type: "text", text })) }] : [],
            ...((_b = content.parameters) == null ? void 0 : _b.length) ? [{ type: "body", parameters: content.parameters.map((text) => ({ type: "text", text })) }] : []
          ]
        }
      };
    default:
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `The Cloud API has no \`${content.type}\` messages`, { scope: ENGINE_NAME, details: { capability: `send.${content.type}` } });
  }
}
function interactive(content) {
  const frame = {
    body: { text: content.body },
    ...content.header ? { header: { type: "text", text: content.header } } : {},
    ...content.footer ? { footer: { text: content.footer } } : {}
  };
  if (content.buttons) {
    return { type: "button", ...frame, action: { buttons: content.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) } };
  }
  return { type: "list", ...frame, action: { button: content.list.button, sections: content.list.sections } };
}

var __defProp$1 = Object.defineProperty;
var __defNormalProp$1 = (obj, key, value) => key in obj ? __defProp$1(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$1 = (obj, key, value) => __defNormalProp$1(obj, typeof key !== "symbol" ? key + "" : key, value);
class SendRate {
  constructor(perSecond) {
    __publicField$1(this, "next", 0);
    __publicField$1(this, "gapMs");
    this.gapMs = 1e3 / perSecond;
  }
  async take() {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
class CloudSession {
  constructor(ctx, options) {
    __publicField(this, "ctx", ctx);
    __publicField(this, "options", options);
    __publicField(this, "graph");
    __publicField(this, "settings");
    __publicField(this, "ids");
    __publicField(this, "rate");
    __publicField(this, "phone", "");
    this.ids = new IdMap(ctx.storage);
  }
  async connect() {
    var _a, _b;
    this.ctx.emit("connection.update", { state: "connecting" });
    const parsed = CloudSettingsSchema.safeParse({ ...this.options.defaults, ...this.ctx.settings });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      this.ctx.logger.error(`Cloud API settings are incomplete or invalid: ${fields}`);
      this.ctx.emit("connection.update", { state: "close", reason: "logged_out", message: `missing or invalid settings: ${fields}` });
      return;
    }
    const settings = this.settings = parsed.data;
    const graph = this.graph = new GraphClient((_a = this.options.graphUrl) != null ? _a : "https://graph.facebook.com", settings, this.options.fetch);
    this.rate = new SendRate((_b = settings.messagesPerSecond) != null ? _b : 80);
    try {
      const number = await graph.get(
        `${settings.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`
      );
      const callback = this.options.publicUrl ? `${this.options.publicUrl.replace(/\/$/, "")}/api/ingress/meta/${this.ctx.profileId}` : void 0;
      await graph.post(`${settings.wabaId}/subscribed_apps`, callback ? { override_callback_uri: callback, verify_token: settings.verifyToken } : {});
      this.phone = number.display_phone_number.replace(/\D/g, "");
      this.ctx.logger.info("Cloud API number ready", { quality: number.quality_rating });
      this.ctx.emit("connection.update", { state: "open", me: { jid: `${this.phone}@s.whatsapp.net`, ...number.verified_name ? { name: number.verified_name } : {} } });
    } catch (error) {
      this.ctx.emit("connection.update", { state: "close", reason: "connection_lost", message: error.message });
    }
  }
  async disconnect() {
    this.graph = void 0;
    this.ctx.emit("connection.update", { state: "close", reason: "closed" });
  }
  async send(to, content, options) {
    var _a, _b;
    const { graph, settings } = this.ready();
    const recipient = await this.recipientOf(to);
    const { type, body } = await toCloudMessage(content, (data, mimetype, fileName) => this.upload(data, mimetype, fileName), (id) => this.ids.wamidOf(id));
    const quoted = options.quotedId ? await this.ids.wamidOf(options.quotedId) : void 0;
    const request = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...recipient,
      type,
      [type]: body,
      ...quoted ? { context: { message_id: quoted } } : {},
      // Comes back on every status, so receipts resolve even if the id map were lost.
      biz_opaque_callback_data: options.id
    };
    const answer = await this.withBackoff(() => graph.post(`${settings.phoneNumberId}/messages`, request));
    const wamid = (_b = (_a = answer.messages) == null ? void 0 : _a[0]) == null ? void 0 : _b.id;
    if (!wamid) throw new MultiWAError("SEND_FAILED", "The Cloud API accepted the message but returned no id", { scope: ENGINE_NAME });
    await this.ids.link(options.id, wamid);
    return {
      id: options.id,
      chatId: to,
      sender: `${this.phone}@s.whatsapp.net`,
      fromMe: true,
      timestamp: Date.now(),
      content: echo(content),
      ...options.quotedId ? { quotedId: options.quotedId } : {}
    };
  }
  /** Marks a received message (and those before it) read, showing "typing…" as the reply is prepared. */
  async markRead(_chatId, ids) {
    const { graph, settings } = this.ready();
    const last = ids.at(-1);
    if (!last) return;
    await graph.post(`${settings.phoneNumberId}/messages`, {
      messaging_product: "whatsapp",
      status: "read",
      message_id: await this.ids.wamidOf(last),
      typing_indicator: { type: "text" }
    });
  }
  async downloadMedia(message) {
    const { graph } = this.ready();
    const mediaId = await this.ids.mediaOf(message.id);
    if (!mediaId) throw new MultiWAError("MESSAGE_NOT_FOUND", `No Cloud API media is known for message ${message.id}`, { scope: ENGINE_NAME, details: { messageId: message.id } });
    const info = await graph.get(mediaId);
    return graph.download(info.url);
  }
  async ingest(payload) {
    await ingestPayload(payload, { ids: this.ids, storage: this.ctx.storage, emit: this.ctx.emit });
  }
  // --- Internal helpers ---
  ready() {
    if (!this.graph || !this.settings) throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Cloud API session is not connected", { scope: ENGINE_NAME });
    return { graph: this.graph, settings: this.settings };
  }
  /** Phone JIDs go by number; BSUID JIDs by the phone when Meta showed it, else as `recipient`. */
  async recipientOf(jid) {
    const [user = "", server] = jid.split("@");
    if (server !== "bsuid") return { to: user.split(":")[0] };
    const phone = await this.ids.phoneOf(user);
    return phone ? { to: phone } : { recipient: user };
  }
  async upload(data, mimetype, fileName) {
    const { graph, settings } = this.ready();
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", mimetype);
    form.set("file", new Blob([data], { type: mimetype }), fileName != null ? fileName : "file");
    const answer = await this.withBackoff(() => graph.post(`${settings.phoneNumberId}/media`, form));
    return answer.id;
  }
  /**
   * Paces sends to the number's rate, and waits out Meta's throughput (130429, doubling waits) and
   * pair-rate (131056, one message per few seconds to a user) refusals instead of failing them.
   */
  async withBackoff(call) {
    var _a, _b;
    const { throughputMs = 1e3, pairMs = 6e3, maxAttempts = 8 } = (_a = this.options.backoff) != null ? _a : {};
    for (let attempt = 1; ; attempt++) {
      await ((_b = this.rate) == null ? void 0 : _b.take());
      try {
        return await call();
      } catch (error) {
        const code = metaCodeOf(error);
        if (code !== 130429 && code !== 131056 || attempt >= maxAttempts) throw error;
        const wait = code === 131056 ? pairMs : throughputMs * 2 ** (attempt - 1);
        this.ctx.logger.info(`Meta refused with ${code}; retrying in ${wait} ms`, { attempt });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
function echo(content) {
  var _a;
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, ...rest } = content;
      return { ...rest, mimetype: media.mimetype, size: media.data.byteLength };
    }
    case "interactive":
      return { type: "text", text: content.body };
    case "template":
      return { type: "text", text: `[template ${content.name}${((_a = content.parameters) == null ? void 0 : _a.length) ? `: ${content.parameters.join(", ")}` : ""}]` };
    default:
      return content;
  }
}

function verifySignature(appSecret, rawBody, header) {
  if (!(header == null ? void 0 : header.startsWith("sha256="))) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
function answerChallenge(verifyToken, query) {
  var _a;
  if (query["hub.mode"] !== "subscribe" || !query["hub.challenge"]) return void 0;
  const given = Buffer.from((_a = query["hub.verify_token"]) != null ? _a : "");
  const expected = Buffer.from(verifyToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? query["hub.challenge"] : void 0;
}

const CLOUD_API_CAPABILITIES = [
  "send.text",
  "send.image",
  "send.video",
  "send.audio",
  "send.document",
  "send.sticker",
  "send.location",
  "send.contact",
  "send.reaction",
  "send.reply",
  "send.interactive",
  "send.template",
  "receipts.read",
  "media.download"
];
const cloudApiEngine = (options) => {
  const opts = options != null ? options : {};
  const settingsOf = (settings) => ({ ...opts.defaults, ...settings });
  const engine = {
    name: ENGINE_NAME,
    capabilities: CLOUD_API_CAPABILITIES,
    settingsSchema: opts.defaults ? CloudSettingsSchema.partial() : CloudSettingsSchema,
    createSession: (context) => new CloudSession(context, opts),
    preflight: (input) => checkWindow(input),
    ingress: {
      challenge: (settings, query) => {
        const token = settingsOf(settings).verifyToken;
        return token ? answerChallenge(token, query) : void 0;
      },
      verify: (settings, rawBody, headers) => {
        const secret = settingsOf(settings).appSecret;
        return Boolean(secret) && verifySignature(secret, rawBody, headers["x-hub-signature-256"]);
      }
    }
  };
  return engine;
};
async function checkWindow({ storage, to, content }) {
  if (content.type === "template" || content.type === "reaction") return;
  if (await windowOpen(storage, to)) return;
  throw new MultiWAError("WINDOW_CLOSED", `${to} has not written in the last ${WINDOW_MS / 36e5} hours, so the Cloud API only takes a template message; send \`{ type: "template", name, language }\` with an approved template`, {
    scope: ENGINE_NAME,
    details: { field: "content.type", to, alternative: "template" }
  });
}

export { CLOUD_API_CAPABILITIES, CloudSettingsSchema, DEFAULT_GRAPH_VERSION, ENGINE_NAME, GraphClient, IdMap, RETRYABLE_CODES, WINDOW_MS, answerChallenge, cloudApiEngine, cloudApiEngine as default, graphError, verifySignature };
//# sourceMappingURL=src2.mjs.map
