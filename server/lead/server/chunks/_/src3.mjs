import process from 'node:process';globalThis._importMeta_=globalThis._importMeta_||{url:"file:///_entry.js",env:process.env};import { existsSync, createReadStream } from 'node:fs';
import { al as MultiWAError } from '../nitro/nitro.mjs';
import { readFile, writeFile, unlink, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
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
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const ENGINE_NAME = "wwebjs";
const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";
function resolveChromiumPath(options) {
  var _a, _b;
  return (_b = (_a = options.executablePath) != null ? _a : process.env.MULTIWA_CHROMIUM_PATH) != null ? _b : DEFAULT_CHROMIUM_PATH;
}
function chromiumArgs(extra = [], asRoot = ((_a) => (_a = process.getuid) == null ? void 0 : _a.call(process))() === 0) {
  const args = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--disable-features=Translate,MediaRouter,OptimizationHints,site-per-process",
    // WhatsApp Web runs in a page nobody looks at; throttling it would delay messages.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--renderer-process-limit=1",
    // GPU work is software-only here anyway; doing it in the browser process saves a process (about 100 MiB RSS).
    "--in-process-gpu"
  ];
  if (asRoot) args.push("--no-sandbox", "--disable-setuid-sandbox", "--no-zygote");
  return [...args, ...extra];
}
function clientOptions(options) {
  var _a, _b, _c, _d, _e;
  const executablePath = resolveChromiumPath(options);
  if (!options.createClient && !existsSync(executablePath)) {
    throw new MultiWAError("VALIDATION_FAILED", `No Chromium at ${executablePath}: install it (\`apt-get install chromium\`) or set \`executablePath\` / MULTIWA_CHROMIUM_PATH`, {
      scope: ENGINE_NAME,
      details: { field: "executablePath", value: executablePath }
    });
  }
  const backup = (_a = options.backupSyncIntervalMs) != null ? _a : 3e5;
  if (!Number.isInteger(backup) || backup < 6e4) {
    throw new MultiWAError("VALIDATION_FAILED", `Expected \`backupSyncIntervalMs\` to be an integer of at least 60000, got \`${backup}\``, {
      scope: ENGINE_NAME,
      details: { field: "backupSyncIntervalMs", value: backup }
    });
  }
  return {
    puppeteer: { executablePath, headless: (_b = options.headless) != null ? _b : true, args: chromiumArgs(options.args) },
    webVersionCache: (_c = options.webVersionCache) != null ? _c : { type: "none" },
    ...options.webVersion ? { webVersion: options.webVersion } : {},
    qrMaxRetries: (_d = options.qrMaxRetries) != null ? _d : 5,
    authTimeoutMs: (_e = options.authTimeoutMs) != null ? _e : 3e4,
    ...options.deviceName ? { deviceName: options.deviceName } : {},
    ...options.browserName ? { browserName: options.browserName } : {}
  };
}

var __defProp$3 = Object.defineProperty;
var __defNormalProp$3 = (obj, key, value) => key in obj ? __defProp$3(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$3 = (obj, key, value) => __defNormalProp$3(obj, typeof key !== "symbol" ? key + "" : key, value);
class UnstorageAuthStore {
  constructor(options) {
    __publicField$3(this, "storage");
    __publicField$3(this, "dataPath");
    __publicField$3(this, "chunkSize");
    var _a;
    this.storage = options.storage;
    this.dataPath = options.dataPath;
    this.chunkSize = (_a = options.chunkSize) != null ? _a : 1024 * 1024;
  }
  async sessionExists({ session }) {
    return await this.meta(session) !== null;
  }
  /** RemoteAuth passes only the name; the zip sits at `<dataPath>/<session>.zip`. */
  async save({ session }) {
    const zip = await readFile(join(this.dataPath, `${session}.zip`));
    const previous = await this.meta(session);
    const generation = randomBytes(4).toString("hex");
    const chunks = Math.max(1, Math.ceil(zip.byteLength / this.chunkSize));
    for (let i = 0; i < chunks; i++) {
      const part = zip.subarray(i * this.chunkSize, (i + 1) * this.chunkSize).toString("base64");
      await this.storage.setItem(chunkKey(session, generation, i), { b64: part });
    }
    await this.storage.setItem(metaKey(session), { generation, chunks, bytes: zip.byteLength, savedAt: Date.now() });
    if (previous) await this.removeChunks(session, previous);
  }
  async extract({ session, path }) {
    var _a;
    const meta = await this.meta(session);
    if (!meta) throw new Error(`No stored session "${session}"`);
    const parts = [];
    for (let i = 0; i < meta.chunks; i++) {
      const part = (_a = await this.storage.getItem(chunkKey(session, meta.generation, i))) == null ? void 0 : _a.b64;
      if (typeof part !== "string") throw new Error(`Stored session "${session}" is missing chunk ${i + 1} of ${meta.chunks}`);
      parts.push(Buffer.from(part, "base64"));
    }
    await writeFile(path, Buffer.concat(parts));
  }
  async delete({ session }) {
    const meta = await this.meta(session);
    await this.storage.removeItem(metaKey(session));
    if (meta) await this.removeChunks(session, meta);
  }
  // --- Internal helpers ---
  meta(session) {
    return this.storage.getItem(metaKey(session));
  }
  async removeChunks(session, meta) {
    for (let i = 0; i < meta.chunks; i++) await this.storage.removeItem(chunkKey(session, meta.generation, i));
  }
}
function metaKey(session) {
  return `remoteauth:${session}:meta`;
}
function chunkKey(session, generation, index) {
  return `remoteauth:${session}:${generation}:${index}`;
}

var __defProp$2 = Object.defineProperty;
var __defNormalProp$2 = (obj, key, value) => key in obj ? __defProp$2(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$2 = (obj, key, value) => __defNormalProp$2(obj, key + "" , value);
function createSessionAuth(lib, options) {
  const RemoteAuth = lib.RemoteAuth;
  class GatewayRemoteAuth extends RemoteAuth {
    constructor() {
      super(...arguments);
      __publicField$2(this, "destroyed", false);
    }
    get internals() {
      return this;
    }
    async disconnect() {
      clearInterval(this.internals.backupSync);
    }
    async logout() {
      await RemoteAuth.prototype.disconnect.call(this);
    }
    async destroy() {
      this.destroyed = true;
      clearInterval(this.internals.backupSync);
    }
    async afterAuthReady() {
      const self = this.internals;
      try {
        if (!await self.store.sessionExists({ session: self.sessionName })) {
          await new Promise((r) => setTimeout(r, 6e4).unref());
          if (this.destroyed) return;
          await self.storeRemoteSession({ emit: true });
        }
      } catch {
      }
      if (this.destroyed) return;
      self.backupSync = setInterval(() => void self.storeRemoteSession().catch(() => void 0), self.backupSyncIntervalMs);
      self.backupSync.unref();
    }
    async unCompressSession(zipPath) {
      await new Promise((resolve, reject) => {
        const extract = unzipper().Extract({ path: this.internals.userDataDir, concurrency: 10 });
        extract.on("close", resolve).on("error", reject);
        createReadStream(zipPath).on("error", reject).pipe(extract);
      });
      await unlink(zipPath);
    }
    async backup() {
      await this.internals.storeRemoteSession();
    }
  }
  return new GatewayRemoteAuth({ ...options });
}
function unzipper() {
  const wwebjs = createRequire(globalThis._importMeta_.url).resolve("whatsapp-web.js");
  return createRequire(wwebjs)("unzipper");
}

var __defProp$1 = Object.defineProperty;
var __defNormalProp$1 = (obj, key, value) => key in obj ? __defProp$1(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$1 = (obj, key, value) => __defNormalProp$1(obj, typeof key !== "symbol" ? key + "" : key, value);
const CUS = "@c.us";
const SWN = "@s.whatsapp.net";
function toWid(jid) {
  if (!jid.endsWith(SWN)) return jid;
  return `${jid.slice(0, -SWN.length).split(":")[0]}${CUS}`;
}
function fromWid(wid) {
  var _a;
  const id = typeof wid === "string" ? wid : (_a = wid == null ? void 0 : wid._serialized) != null ? _a : "";
  return id.endsWith(CUS) ? `${id.slice(0, -CUS.length)}${SWN}` : id;
}
function serializeKey(fromMe, chatWid, id, participantWid) {
  return `${fromMe}_${chatWid}_${id}${participantWid ? `_${participantWid}` : ""}`;
}
class IdBook {
  constructor(storage, limit = 5e3) {
    __publicField$1(this, "storage", storage);
    __publicField$1(this, "limit", limit);
    __publicField$1(this, "keys", /* @__PURE__ */ new Map());
    __publicField$1(this, "coreToWa", /* @__PURE__ */ new Map());
    __publicField$1(this, "waToCore", /* @__PURE__ */ new Map());
  }
  /** Notes a message key seen on the wire. */
  remember(key) {
    if (this.keys.size >= this.limit) this.keys.delete(this.keys.keys().next().value);
    this.keys.set(key.id, key._serialized);
  }
  /** Links the core's id to the message whatsapp-web.js actually sent. */
  async alias(coreId, key) {
    this.remember(key);
    this.coreToWa.set(coreId, key._serialized);
    this.waToCore.set(key.id, coreId);
    await Promise.all([this.storage.setItem(`ids:core:${coreId}`, key._serialized), this.storage.setItem(`ids:wa:${key.id}`, coreId)]);
  }
  /** The core's id for a bare whatsapp-web.js id, if the core sent it. */
  async coreIdOf(waId) {
    var _a, _b;
    return (_b = (_a = this.waToCore.get(waId)) != null ? _a : await this.storage.getItem(`ids:wa:${waId}`)) != null ? _b : void 0;
  }
  /** Every id a message is known by: its own, and the core's when the core sent it. */
  async idsOf(waId) {
    const coreId = await this.coreIdOf(waId);
    return coreId && coreId !== waId ? [waId, coreId] : [waId];
  }
  /** The serialized key for a bare or core id, when known. */
  async lookup(id) {
    var _a, _b, _c;
    return (_c = (_b = (_a = this.coreToWa.get(id)) != null ? _a : this.keys.get(id)) != null ? _b : await this.storage.getItem(`ids:core:${id}`)) != null ? _c : void 0;
  }
}

function groupInfoOf(group) {
  var _a;
  const meta = (_a = group.groupMetadata) != null ? _a : {};
  return {
    id: fromWid(group.id._serialized),
    subject: group.name || meta.subject || "",
    ...meta.owner ? { owner: fromWid(meta.owner) } : {},
    ...meta.desc ? { description: meta.desc } : {},
    ...meta.creation ? { createdAt: meta.creation * 1e3 } : {},
    participants: group.participants.map((p) => ({
      jid: fromWid(p.id._serialized),
      admin: p.isSuperAdmin ? "superadmin" : p.isAdmin ? "admin" : null
    }))
  };
}
function participantResults(wids, result) {
  if (typeof result === "string") throw new MultiWAError("SEND_FAILED", `WhatsApp refused the change: ${result}`, { scope: ENGINE_NAME });
  const all = result;
  if (typeof (all == null ? void 0 : all.status) === "number") return wids.map((w) => ({ jid: fromWid(w), status: String(all.status) }));
  return wids.map((w) => {
    var _a, _b;
    return { jid: fromWid(w), status: String((_b = (_a = all == null ? void 0 : all[w]) == null ? void 0 : _a.code) != null ? _b : 200) };
  });
}

async function prepareSend(lib, client, content, options, quotedKey) {
  var _a;
  const base = {
    // Marking the chat as seen on every send is whatsapp-web.js's default; a gateway should not read for the user.
    sendSeen: false,
    ...quotedKey ? { quotedMessageId: quotedKey } : {},
    ...((_a = options.mentions) == null ? void 0 : _a.length) ? { mentions: options.mentions.map(toWid) } : {}
  };
  switch (content.type) {
    case "text":
      return { content: content.text, options: { ...base, parseVCards: false } };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const fileName = content.type === "document" ? content.fileName : void 0;
      const media = new lib.MessageMedia(content.media.mimetype, Buffer.from(content.media.data).toString("base64"), fileName != null ? fileName : null, content.media.data.byteLength);
      const caption = "caption" in content && content.caption ? { caption: content.caption } : {};
      const flags = content.type === "audio" ? { sendAudioAsVoice: Boolean(content.ptt) } : content.type === "video" ? { sendVideoAsGif: Boolean(content.gif) } : content.type === "sticker" ? { sendMediaAsSticker: true } : content.type === "document" ? { sendMediaAsDocument: true } : {};
      return { content: media, options: { ...base, ...caption, ...flags } };
    }
    case "location":
      return { content: new lib.Location(content.latitude, content.longitude, { ...content.name ? { name: content.name } : {}, ...content.address ? { address: content.address } : {} }), options: base };
    case "poll":
      return { content: new lib.Poll(content.name, content.options, { allowMultipleAnswers: content.selectableCount !== 1, messageSecret: void 0 }), options: base };
    case "contact":
      if (content.contacts.length === 1) return { content: toVcard(content.contacts[0]), options: { ...base, parseVCards: true } };
      return { content: await Promise.all(content.contacts.map((c) => client.getContactById(`${digits(c.phone)}@c.us`))), options: base };
  }
}
function toVcard(card) {
  const waid = digits(card.phone);
  return [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `FN:${escapeVcard(card.name)}`,
    ...card.organization ? [`ORG:${escapeVcard(card.organization)};`] : [],
    `TEL;type=CELL;type=VOICE;waid=${waid}:${card.phone}`,
    "END:VCARD"
  ].join("\n");
}
function parseVcard(vcard) {
  var _a, _b, _c, _d, _e;
  const name = (_c = (_b = (_a = /^FN:(.*)$/m.exec(vcard)) == null ? void 0 : _a[1]) == null ? void 0 : _b.trim()) != null ? _c : "";
  const tel = /^TEL[^:]*?(?:waid=(\d+))?[^:]*:(.*)$/m.exec(vcard);
  const phone = (_e = tel == null ? void 0 : tel[1]) != null ? _e : (_d = tel == null ? void 0 : tel[2]) == null ? void 0 : _d.replace(/[^\d+]/g, "");
  return { name: name.replace(/\\([,;\\])/g, "$1"), vcard, ...phone ? { phone } : {} };
}
function digits(phone) {
  return phone.replace(/\D/g, "");
}
function escapeVcard(value) {
  return value.replace(/([,;\\])/g, "\\$1").replace(/\n/g, "\\n");
}

function rawOf(message) {
  var _a;
  return (_a = message._data) != null ? _a : {};
}
function keyOf(message) {
  return message.id;
}
function toWAMessage(message) {
  const raw = rawOf(message);
  const chatId = fromWid(message.fromMe ? message.to : message.from);
  return {
    id: keyOf(message).id,
    chatId,
    sender: fromWid(message.author || message.from),
    fromMe: message.fromMe,
    timestamp: message.timestamp * 1e3,
    ...raw.notifyName ? { pushName: raw.notifyName } : {},
    ...raw.quotedStanzaID ? { quotedId: raw.quotedStanzaID } : {},
    content: inboundContent(message)
  };
}
function inboundContent(message) {
  var _a;
  const raw = rawOf(message);
  const media = () => ({
    ...raw.mimetype ? { mimetype: raw.mimetype } : {},
    ...message.body ? { caption: message.body } : {},
    ...typeof raw.size === "number" ? { size: raw.size } : {}
  });
  switch (message.type) {
    case "chat":
      return { type: "text", text: message.body };
    case "image":
    case "video":
    case "sticker":
      return { type: message.type, ...media() };
    case "audio":
    case "ptt":
      return { type: "audio", ...media(), ptt: message.type === "ptt" };
    case "document":
      return { type: "document", ...media(), ...raw.filename ? { fileName: raw.filename } : {} };
    case "location": {
      const loc = message.location;
      return {
        type: "location",
        latitude: Number(loc.latitude),
        longitude: Number(loc.longitude),
        ...loc.name ? { name: loc.name } : {},
        ...loc.address ? { address: loc.address } : {}
      };
    }
    case "vcard":
    case "multi_vcard":
      return { type: "contact", contacts: message.vCards.map(parseVcard) };
    case "poll_creation": {
      const poll = message;
      return { type: "poll", name: poll.pollName, options: poll.pollOptions.map((o) => o.name), selectableCount: (_a = raw.pollSelectableOptionsCount) != null ? _a : 0 };
    }
    case "revoked":
      return { type: "delete", target: { id: keyOf(message).id, fromMe: message.fromMe } };
    default:
      return { type: "unknown", raw: message.type };
  }
}
function toReaction(reaction) {
  const target = reaction.msgId;
  return {
    id: reaction.id.id,
    chatId: fromWid(target.remote),
    sender: fromWid(reaction.senderId),
    target: { id: target.id, fromMe: target.fromMe, ...target.participant ? { participant: fromWid(target.participant) } : {} },
    emoji: reaction.reaction,
    // whatsapp-web.js reports reaction time in seconds.
    timestamp: Math.round(reaction.timestamp * 1e3)
  };
}
const GROUP_ACTIONS = {
  add: "add",
  invite: "add",
  linked_group_join: "add",
  remove: "remove",
  leave: "leave",
  promote: "promote",
  demote: "demote",
  subject: "subject",
  create: "create"
};
function toGroupUpdate(notification) {
  var _a;
  const action = GROUP_ACTIONS[notification.type];
  if (!action) return void 0;
  return {
    groupId: fromWid(notification.chatId),
    action,
    participants: ((_a = notification.recipientIds) != null ? _a : []).map(fromWid),
    ...notification.author ? { author: fromWid(notification.author) } : {},
    ...action === "subject" ? { subject: notification.body } : {}
  };
}
function toPollVote(vote) {
  const parent = vote.parentMsgKey;
  return {
    chatId: fromWid(parent.remote),
    pollId: parent.id,
    voter: fromWid(vote.voter),
    selected: vote.selectedOptions.map((o) => o.name).filter((n) => typeof n === "string")
  };
}

const NOISE = /* @__PURE__ */ new Set(["e2e_notification", "notification_template", "gp2", "protocol", "ciphertext", "call_log", "broadcast_notification", "debug"]);
function listen(session, client) {
  const { ctx, ids } = session;
  const live = (fn) => (...args) => {
    if (session.isClosed()) return;
    Promise.resolve(fn(...args)).catch((error) => ctx.logger.warn("whatsapp-web.js event failed", error));
  };
  const canonical = async (waId) => {
    var _a;
    return (_a = await ids.coreIdOf(waId)) != null ? _a : waId;
  };
  const watchBrowser = () => {
    const browser = client.pupBrowser;
    if (browser && !watched.has(browser)) watched.add(browser), browser.once("disconnected", () => void session.close("connection_lost", "Chromium exited"));
  };
  const watched = /* @__PURE__ */ new WeakSet();
  client.on("qr", live((qr) => (watchBrowser(), session.qr(qr))));
  client.on("authenticated", live(() => (watchBrowser(), ctx.logger.debug("whatsapp-web.js authenticated"))));
  client.on("ready", live(() => (watchBrowser(), session.opened(client.info))));
  client.on("auth_failure", live((message) => session.close("logged_out", message)));
  client.on("disconnected", live((reason) => session.close(String(reason), `whatsapp-web.js: ${reason}`)));
  client.on("message", live((message) => {
    ids.remember(keyOf(message));
    if (NOISE.has(message.type)) return;
    ctx.emit("message.received", toWAMessage(message));
  }));
  client.on("message_create", live(async (message) => {
    if (!message.fromMe || NOISE.has(message.type)) return;
    ids.remember(keyOf(message));
    await session.settled();
    if (await ids.coreIdOf(keyOf(message).id)) return;
    ctx.emit("message.sent", toWAMessage(message));
  }));
  client.on("message_ack", live(async (message, ack) => {
    if (!message.fromMe || ack < 2) return;
    await session.settled();
    const chatId = fromWid(message.to);
    const receipt = { chatId, ids: await ids.idsOf(keyOf(message).id), by: chatId, timestamp: Date.now() };
    ctx.emit(ack >= 3 ? "message.read" : "message.delivered", receipt);
  }));
  client.on("message_reaction", live(async (reaction) => {
    await session.settled();
    const { id, ...event } = toReaction(reaction);
    event.target.id = await canonical(event.target.id);
    ctx.emit("message.reaction", event);
    if (event.sender !== session.me) emitReceived({ id, chatId: event.chatId, sender: event.sender, fromMe: false, timestamp: event.timestamp, content: { type: "reaction", target: event.target, emoji: event.emoji } });
  }));
  client.on("message_edit", live(async (message, newBody) => {
    var _a;
    const base = toWAMessage(message);
    const id = await canonical(base.id);
    ctx.emit("message.edited", { chatId: base.chatId, id, sender: base.sender, text: String(newBody) });
    const editKey = message.latestEditMsgKey;
    if (!base.fromMe) emitReceived({ ...base, id: (_a = editKey == null ? void 0 : editKey.id) != null ? _a : id, content: { type: "edit", target: { id, fromMe: false }, text: String(newBody) } });
  }));
  client.on("message_revoke_everyone", live(async (message) => {
    var _a, _b;
    const base = toWAMessage(message);
    const revoked = (_b = (_a = message.protocolMessageKey) == null ? void 0 : _a.id) != null ? _b : base.id;
    const id = await canonical(revoked);
    ctx.emit("message.revoked", { chatId: base.chatId, id, sender: base.sender });
    if (!base.fromMe) emitReceived({ ...base, content: { type: "delete", target: { id, fromMe: false } } });
  }));
  client.on("vote_update", live(async (vote) => {
    const event = toPollVote(vote);
    ctx.emit("poll.vote", { ...event, pollId: await canonical(event.pollId) });
  }));
  for (const name of ["group_join", "group_leave", "group_admin_changed", "group_update"]) {
    client.on(name, live((notification) => {
      const update = toGroupUpdate(notification);
      if (update) ctx.emit("group.update", update);
    }));
  }
  function emitReceived(message) {
    ctx.emit("message.received", message);
  }
}

let cached;
function loadWwebjs(lib) {
  if (lib) return Promise.resolve(lib);
  cached != null ? cached : cached = import('whatsapp-web.js').then(
    (mod) => {
      var _a;
      return (_a = mod.default) != null ? _a : mod;
    },
    (cause) => {
      cached = void 0;
      const missing = (cause == null ? void 0 : cause.code) === "ERR_MODULE_NOT_FOUND";
      const hint = missing ? "whatsapp-web.js is not installed: run `pnpm add whatsapp-web.js` (with a puppeteer \u2192 puppeteer-core override) or pass `lib`" : "whatsapp-web.js failed to load";
      throw new MultiWAError("ENGINE_NOT_FOUND", hint, { scope: "wwebjs", cause });
    }
  );
  return cached;
}

var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
const REASONS = {
  CONFLICT: "conflict",
  UNPAIRED: "logged_out",
  UNPAIRED_IDLE: "logged_out",
  LOGOUT: "logged_out",
  TIMEOUT: "connection_lost",
  "Max qrcode retries reached": "timed_out"
};
class WwebjsSession {
  constructor(ctx, options) {
    __publicField(this, "ctx", ctx);
    __publicField(this, "options", options);
    __publicField(this, "ids");
    __publicField(this, "client");
    __publicField(this, "me");
    __publicField(this, "lib");
    __publicField(this, "auth");
    __publicField(this, "dataPath");
    __publicField(this, "ready", false);
    __publicField(this, "closed", false);
    __publicField(this, "sends", /* @__PURE__ */ new Set());
    __publicField(this, "qrShown");
    __publicField(this, "firstQr", new Promise((resolve) => this.qrShown = resolve));
    this.ids = new IdBook(ctx.storage);
  }
  async connect() {
    var _a, _b;
    this.ctx.emit("connection.update", { state: "connecting" });
    const base = clientOptions(this.options);
    const lib = this.lib = await loadWwebjs(this.options.lib);
    const dataPath = this.dataPath = await mkdtemp(join((_a = this.options.tmpDir) != null ? _a : tmpdir(), "multiwa-wwebjs-"));
    if (this.closed) return this.cleanup();
    this.auth = createSessionAuth(lib, {
      store: new UnstorageAuthStore({ storage: this.ctx.storage, dataPath }),
      dataPath,
      clientId: this.ctx.profileId.replace(/[^-\w]/g, "_"),
      backupSyncIntervalMs: (_b = this.options.backupSyncIntervalMs) != null ? _b : 3e5
    });
    const options = { ...base, authStrategy: this.auth };
    const client = this.client = this.options.createClient ? this.options.createClient(options, lib) : new lib.Client(options);
    listen(this, client);
    client.initialize().then(
      // Stopped while Chromium was still starting: the browser appeared after our destroy().
      () => this.closed && void client.destroy().catch(() => void 0),
      (error) => {
        var _a2;
        if (this.closed) return void client.destroy().catch(() => void 0);
        void this.close("connection_lost", String((_a2 = error == null ? void 0 : error.message) != null ? _a2 : error));
      }
    );
  }
  async disconnect() {
    await this.close("closed");
  }
  async logout() {
    const client = this.client;
    this.closed = true;
    await (client == null ? void 0 : client.logout().catch((error) => this.ctx.logger.warn("logout failed", error)));
    await this.cleanup();
    this.ctx.emit("connection.update", { state: "close", reason: "logged_out" });
  }
  async requestPairingCode(phone) {
    if (this.ready) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: ENGINE_NAME });
    await withTimeout(this.firstQr, 6e4, "WhatsApp Web did not start in time to pair");
    return this.requireClient().requestPairingCode(phone, true);
  }
  async send(to, content, options) {
    const task = this.sendNow(this.requireReady(), toWid(to), content, options);
    this.sends.add(task);
    try {
      return await task;
    } finally {
      this.sends.delete(task);
    }
  }
  async sendPresence(state, to) {
    const client = this.requireReady();
    if (state === "available") return void await client.sendPresenceAvailable();
    if (state === "unavailable") return void await client.sendPresenceUnavailable();
    if (!to) return;
    const chat = await client.getChatById(toWid(to));
    if (state === "composing") await chat.sendStateTyping();
    else if (state === "recording") await chat.sendStateRecording();
    else await chat.clearState();
  }
  /** WhatsApp Web marks a whole chat as read, not single messages. */
  async markRead(chatId) {
    await this.requireReady().sendSeen(toWid(chatId));
  }
  async groupCreate(subject, participants) {
    const created = await this.requireReady().createGroup(subject, participants.map(toWid));
    if (typeof created === "string") throw new MultiWAError("SEND_FAILED", `Could not create the group: ${created}`, { scope: ENGINE_NAME });
    return this.groupInfo(fromWid(created.gid));
  }
  async groupInfo(groupId) {
    return groupInfoOf(await this.group(groupId));
  }
  async groupParticipants(groupId, action, participants) {
    const group = await this.group(groupId);
    const wids = participants.map(toWid);
    const result = action === "add" ? await group.addParticipants(wids) : action === "remove" ? await group.removeParticipants(wids) : action === "promote" ? await group.promoteParticipants(wids) : await group.demoteParticipants(wids);
    return participantResults(wids, result);
  }
  async groupInviteCode(groupId) {
    const code = await (await this.group(groupId)).getInviteCode();
    if (!code) throw new MultiWAError("SEND_FAILED", `No invite code for ${groupId} (are we an admin?)`, { scope: ENGINE_NAME });
    return code;
  }
  async groupLeave(groupId) {
    await (await this.group(groupId)).leave();
  }
  async downloadMedia(message) {
    const found = await this.findMessage({ id: message.id, fromMe: message.fromMe, participant: message.sender }, toWid(message.chatId));
    const media = await found.downloadMedia();
    if (!media) throw new MultiWAError("MESSAGE_NOT_FOUND", `Message ${message.id} has no media to download (it may have expired)`, { scope: ENGINE_NAME });
    return Buffer.from(media.data, "base64");
  }
  // --- Used by the event listeners ---
  /** Called on `ready`: the account is linked and WhatsApp Web is usable. */
  opened(info) {
    if (this.closed) return;
    this.ready = true;
    this.me = fromWid(info.wid);
    this.ctx.emit("connection.update", { state: "open", me: { jid: this.me, ...info.pushname ? { name: info.pushname } : {} } });
  }
  qr(qr) {
    var _a;
    if (this.closed) return;
    (_a = this.qrShown) == null ? void 0 : _a.call(this);
    this.ctx.emit("qr", { qr });
  }
  /** Waits until sends in flight have returned, so their core ids are known before receipts are mapped. */
  async settled() {
    await Promise.allSettled([...this.sends]);
  }
  isClosed() {
    return this.closed;
  }
  async close(reasonOrState, message) {
    var _a, _b, _c;
    if (this.closed) return;
    this.closed = true;
    const reason = (_a = REASONS[reasonOrState]) != null ? _a : reasonOrState;
    const wasReady = this.ready;
    this.ready = false;
    await ((_b = this.client) == null ? void 0 : _b.destroy().catch((error) => this.ctx.logger.warn("closing the browser failed", error)));
    if (wasReady && reason !== "logged_out") await ((_c = this.auth) == null ? void 0 : _c.backup().catch((error) => this.ctx.logger.warn("saving the session failed", error)));
    await this.cleanup();
    this.ctx.emit("connection.update", { state: "close", reason: isReason(reason) ? reason : "unknown", ...message ? { message } : {} });
  }
  // --- Internal helpers ---
  async sendNow(client, chat, content, options) {
    const own = (extra = {}) => ({
      id: options.id,
      chatId: fromWid(chat),
      sender: this.me,
      fromMe: true,
      timestamp: Date.now(),
      content,
      ...extra
    });
    if (content.type === "reaction") {
      const target = await this.findMessage(content.target, chat);
      await client.sendReaction(keyOf(target)._serialized, content.emoji);
      return own();
    }
    if (content.type === "edit") {
      const target = await this.findMessage(content.target, chat);
      if (!await target.edit(content.text)) throw new MultiWAError("SEND_FAILED", `WhatsApp refused to edit ${content.target.id} (too old, or not ours)`, { scope: ENGINE_NAME });
      return own();
    }
    if (content.type === "delete") {
      await (await this.findMessage(content.target, chat)).delete(true);
      return own();
    }
    if (content.type === "interactive" || content.type === "template") {
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `whatsapp-web.js cannot send \`${content.type}\` messages`, { scope: ENGINE_NAME });
    }
    const quoted = options.quotedId ? keyOf(await this.findMessage({ id: options.quotedId }, chat))._serialized : void 0;
    const prepared = await prepareSend(this.lib, client, content, options, quoted);
    const sent = await client.sendMessage(chat, prepared.content, prepared.options);
    if (!sent) throw new MultiWAError("SEND_FAILED", `whatsapp-web.js could not send to ${chat}`, { scope: ENGINE_NAME });
    await this.ids.alias(options.id, keyOf(sent));
    return toWAMessage(sent);
  }
  /** Finds a message by bare or core id: known keys first, then the keys it could have in this chat. */
  async findMessage(ref, chat) {
    const client = this.requireReady();
    const known = await this.ids.lookup(ref.id);
    const participant = chat.endsWith("@g.us") ? ref.participant ? toWid(ref.participant) : void 0 : void 0;
    const candidates = known ? [known] : (ref.fromMe === void 0 ? [false, true] : [ref.fromMe]).map((fromMe) => serializeKey(fromMe, chat, ref.id, fromMe && chat.endsWith("@g.us") ? toWid(this.me) : participant));
    for (const key of candidates) {
      const message = await client.getMessageById(key);
      if (message) return message;
    }
    throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${ref.id} in ${fromWid(chat)}`, { scope: ENGINE_NAME, details: { id: ref.id, chatId: fromWid(chat) } });
  }
  async group(groupId) {
    const chat = await this.requireReady().getChatById(toWid(groupId));
    if (!(chat == null ? void 0 : chat.isGroup)) throw new MultiWAError("VALIDATION_FAILED", `${groupId} is not a group`, { scope: ENGINE_NAME });
    return chat;
  }
  requireClient() {
    if (!this.client || this.closed) throw new MultiWAError("ENGINE_NOT_CONNECTED", "The whatsapp-web.js session is closed", { scope: ENGINE_NAME });
    return this.client;
  }
  requireReady() {
    const client = this.requireClient();
    if (!this.ready) throw new MultiWAError("ENGINE_NOT_CONNECTED", "WhatsApp Web is not ready yet", { scope: ENGINE_NAME });
    return client;
  }
  async cleanup() {
    if (this.dataPath) await rm(this.dataPath, { recursive: true, force: true, maxRetries: 3 }).catch(() => void 0);
  }
}
function isReason(value) {
  return ["logged_out", "restart_required", "conflict", "connection_lost", "timed_out", "closed", "unknown"].includes(value);
}
function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new MultiWAError("TIMEOUT", message, { scope: ENGINE_NAME })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const WWEBJS_CAPABILITIES = [
  "login.qr",
  "login.pairingCode",
  "logout",
  "send.text",
  "send.image",
  "send.video",
  "send.audio",
  "send.document",
  "send.sticker",
  "send.location",
  "send.contact",
  "send.reaction",
  "send.poll",
  "send.edit",
  "send.delete",
  "send.reply",
  "presence",
  "receipts.read",
  "groups.create",
  "groups.info",
  "groups.participants",
  "groups.invite",
  "groups.leave",
  "media.download"
];
const wwebjsEngine = (options) => {
  const opts = options != null ? options : {};
  const engine = {
    name: ENGINE_NAME,
    capabilities: WWEBJS_CAPABILITIES,
    createSession: (context) => new WwebjsSession(context, opts)
  };
  return engine;
};

export { DEFAULT_CHROMIUM_PATH, ENGINE_NAME, UnstorageAuthStore, WWEBJS_CAPABILITIES, chromiumArgs, wwebjsEngine as default, fromWid, resolveChromiumPath, toWid, wwebjsEngine };
//# sourceMappingURL=src3.mjs.map
