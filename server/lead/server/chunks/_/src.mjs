import { al as MultiWAError, aF as normalizeUserJid } from '../nitro/nitro.mjs';
import { createHmac, timingSafeEqual, createDecipheriv } from 'node:crypto';
import { get as get$1 } from 'node:http';
import { get } from 'node:https';
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
import 'zod';
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

var __defProp$4 = Object.defineProperty;
var __defNormalProp$4 = (obj, key, value) => key in obj ? __defProp$4(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$4 = (obj, key, value) => __defNormalProp$4(obj, typeof key !== "symbol" ? key + "" : key, value);
class ConnectSlots {
  constructor(limit) {
    __publicField$4(this, "limit", limit);
    __publicField$4(this, "active", 0);
    __publicField$4(this, "waiting", []);
  }
  /** Resolves with a release function once a slot is free; release is idempotent. */
  async acquire() {
    if (this.active >= this.limit) await new Promise((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

function resolveOptions(options) {
  var _a, _b, _c;
  const size = (_a = options.messageCacheSize) != null ? _a : 500;
  const logins = (_b = options.maxConcurrentLogins) != null ? _b : 16;
  if (!Number.isInteger(logins) || logins < 1) {
    throw new MultiWAError("VALIDATION_FAILED", `Expected \`maxConcurrentLogins\` to be a positive integer, got \`${String(logins)}\` (${typeof logins})`, {
      scope: "baileys",
      details: { field: "maxConcurrentLogins", value: logins }
    });
  }
  if (!Number.isInteger(size) || size < 0) {
    throw new MultiWAError("VALIDATION_FAILED", `Expected \`messageCacheSize\` to be a non-negative integer, got \`${String(size)}\` (${typeof size})`, {
      scope: "baileys",
      details: { field: "messageCacheSize", value: size }
    });
  }
  if (options.browser && (!Array.isArray(options.browser) || options.browser.length !== 3)) {
    throw new MultiWAError("VALIDATION_FAILED", "Expected `browser` to be `[os, browser, version]`", { scope: "baileys", details: { field: "browser" } });
  }
  return { ...options, messageCacheSize: size, maxConcurrentLogins: logins, logger: (_c = options.logger) != null ? _c : silentLogger() };
}
function silentLogger() {
  const noop = () => {
  };
  const logger = { level: "silent", child: () => logger, trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop };
  return logger;
}

var __defProp$3 = Object.defineProperty;
var __defNormalProp$3 = (obj, key, value) => key in obj ? __defProp$3(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$3 = (obj, key, value) => __defNormalProp$3(obj, typeof key !== "symbol" ? key + "" : key, value);
const CACHED_KEYS = 5e3;
class SerialKeyStore {
  constructor(storage, cacheSize = CACHED_KEYS) {
    __publicField$3(this, "storage", storage);
    __publicField$3(this, "cacheSize", cacheSize);
    /** Values waiting for the next batch (`null` deletes). */
    __publicField$3(this, "pending", /* @__PURE__ */ new Map());
    /** The batch being stored now, so reads never see the older stored value. */
    __publicField$3(this, "writing", /* @__PURE__ */ new Map());
    __publicField$3(this, "cache", /* @__PURE__ */ new Map());
    /** Reads in flight; a write to the key drops its entry so the read's (older) result is not cached. */
    __publicField$3(this, "reading", /* @__PURE__ */ new Map());
    __publicField$3(this, "running");
    __publicField$3(this, "discarded", false);
  }
  /** Reads a value, seeing writes that are queued but not yet stored. */
  read(key) {
    var _a, _b, _c;
    if (this.pending.has(key)) return (_a = this.pending.get(key)) != null ? _a : void 0;
    if (this.writing.has(key)) return (_b = this.writing.get(key)) != null ? _b : void 0;
    const cached = this.cache.get(key);
    if (cached !== void 0) return this.touch(key, cached), cached != null ? cached : void 0;
    return (_c = this.reading.get(key)) != null ? _c : this.load(key);
  }
  /** Queues writes (`null` deletes) and resolves once every one of them is stored. */
  write(entries) {
    var _a;
    if (this.discarded) return Promise.resolve();
    for (const [key, value] of entries) {
      this.pending.set(key, value);
      this.reading.delete(key);
      this.touch(key, value);
    }
    (_a = this.running) != null ? _a : this.running = this.drain();
    return this.running;
  }
  /** Resolves once nothing is queued or in flight. */
  async flush() {
    while (this.running) await this.running;
  }
  /** Drops queued writes and ignores later ones: the credentials are void (logout). */
  discard() {
    this.discarded = true;
    this.pending.clear();
    this.cache.clear();
  }
  // --- Internal helpers ---
  load(key) {
    const read = this.storage.getItem(key).then((raw) => {
      const text = raw === null || raw === void 0 ? null : typeof raw === "string" ? raw : JSON.stringify(raw);
      if (this.reading.get(key) === read) this.reading.delete(key), this.touch(key, text);
      return text != null ? text : void 0;
    });
    this.reading.set(key, read);
    return read;
  }
  /** Most recently used last; the oldest entry goes once the cache is full. */
  touch(key, value) {
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value);
  }
  async drain() {
    await Promise.resolve();
    try {
      while (this.pending.size > 0) {
        this.writing = this.pending;
        this.pending = /* @__PURE__ */ new Map();
        const sets = [...this.writing].filter(([, v]) => v !== null).map(([key, value]) => ({ key, value }));
        const removals = [...this.writing].filter(([, v]) => v === null).map(([key]) => key);
        await Promise.all([sets.length ? this.storage.setItems(sets) : void 0, ...removals.map((key) => this.storage.removeItem(key))]);
      }
    } finally {
      this.writing = /* @__PURE__ */ new Map();
      this.running = void 0;
    }
  }
}

var __defProp$2 = Object.defineProperty;
var __defNormalProp$2 = (obj, key, value) => key in obj ? __defProp$2(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$2 = (obj, key, value) => __defNormalProp$2(obj, typeof key !== "symbol" ? key + "" : key, value);
class PreKeyBuckets {
  constructor(store, codec, size = 128) {
    __publicField$2(this, "store", store);
    __publicField$2(this, "codec", codec);
    __publicField$2(this, "size", size);
    __publicField$2(this, "locks", /* @__PURE__ */ new Map());
  }
  async get(ids) {
    const out = {};
    await Promise.all([...this.group(ids)].map(async ([key, members]) => {
      const bucket = await this.read(key);
      for (const id of members) if (bucket[`k${id}`] != null) out[id] = bucket[`k${id}`];
    }));
    return out;
  }
  async set(entries) {
    const values = new Map(entries);
    const stored = [...this.group(entries.map(([id]) => id))].map(
      ([key, members]) => this.locked(key, async () => {
        const bucket = await this.read(key);
        for (const id of members) {
          const value = values.get(id);
          if (value) bucket[`k${id}`] = value;
          else delete bucket[`k${id}`];
        }
        return { done: this.store.write([[key, Object.keys(bucket).length ? this.codec.encode(bucket) : null]]) };
      }).then(({ done }) => done)
    );
    await Promise.all(stored);
  }
  // --- Internal helpers ---
  group(ids) {
    var _a;
    const groups = /* @__PURE__ */ new Map();
    for (const id of ids) {
      const n = Number.parseInt(id, 10);
      const key = `pre-key:b${Number.isNaN(n) ? id : Math.floor(n / this.size)}`;
      groups.set(key, [...(_a = groups.get(key)) != null ? _a : [], id]);
    }
    return groups;
  }
  async read(key) {
    var _a;
    return (_a = this.codec.decode(await this.store.read(key))) != null ? _a : {};
  }
  locked(key, work) {
    var _a;
    const run = ((_a = this.locks.get(key)) != null ? _a : Promise.resolve()).then(work, work);
    const tail = run.catch(() => {
    });
    this.locks.set(key, tail);
    void tail.then(() => this.locks.get(key) === tail && this.locks.delete(key));
    return run;
  }
}

const CREDS_KEY = "creds";
async function useStorageAuthState(storage, baileys) {
  var _a;
  const { BufferJSON, initAuthCreds, proto } = baileys;
  const store = new SerialKeyStore(storage);
  const encode = (value) => `{"v":${JSON.stringify(value, BufferJSON.replacer)}}`;
  const decode = (text) => text === void 0 ? void 0 : JSON.parse(text, BufferJSON.reviver).v;
  const preKeys = new PreKeyBuckets(store, { encode, decode });
  const creds = (_a = decode(await store.read(CREDS_KEY))) != null ? _a : initAuthCreds();
  const keys = {
    async get(type, ids) {
      if (type === "pre-key") return await preKeys.get(ids);
      const out = {};
      await Promise.all(ids.map(async (id) => {
        let value = decode(await store.read(keyOf(type, id)));
        if (value === void 0 || value === null) return;
        if (type === "app-state-sync-key") value = proto.Message.AppStateSyncKeyData.fromObject(value);
        out[id] = value;
      }));
      return out;
    },
    async set(data) {
      var _a2;
      const entries = [];
      for (const type of Object.keys(data)) {
        if (type === "pre-key") continue;
        for (const [id, value] of Object.entries((_a2 = data[type]) != null ? _a2 : {})) entries.push([keyOf(type, id), value ? encode(value) : null]);
      }
      await Promise.all([store.write(entries), data["pre-key"] && preKeys.set(Object.entries(data["pre-key"]))]);
    }
  };
  return {
    state: { creds, keys },
    saveCreds: () => store.write([[CREDS_KEY, encode(creds)]]),
    flush: () => store.flush(),
    discard: () => store.discard()
  };
}
function keyOf(type, id) {
  return `${type}:${encodeURIComponent(id).replace(/\./g, "%2E")}`;
}

function disconnectReason(error) {
  var _a, _b;
  const boom = error;
  const code = (_a = boom == null ? void 0 : boom.output) == null ? void 0 : _a.statusCode;
  switch (code) {
    case 401:
      return "logged_out";
    case 515:
      return "restart_required";
    case 440:
      return "conflict";
    case 408:
      return /qr/i.test((_b = boom == null ? void 0 : boom.message) != null ? _b : "") ? "timed_out" : "connection_lost";
    case 428:
    // the socket closed under us
    case 503:
    case void 0:
      return "connection_lost";
    default:
      return "unknown";
  }
}

function guardEventFlush(sock, delayMs = 250) {
  let timer;
  const check = () => {
    timer = void 0;
    if (sock.ev.isBuffering()) sock.ev.flush();
  };
  const schedule = () => {
    var _a;
    if (timer) return;
    timer = setTimeout(check, delayMs);
    (_a = timer.unref) == null ? void 0 : _a.call(timer);
  };
  sock.ws.on("frame", schedule);
  return {
    schedule,
    stop() {
      clearTimeout(timer);
      sock.ws.off("frame", schedule);
    }
  };
}

function toGroupInfo(meta) {
  var _a;
  return {
    id: meta.id,
    subject: meta.subject,
    ...meta.ownerPn || meta.owner ? { owner: normalizeUserJid((_a = meta.ownerPn) != null ? _a : meta.owner) } : {},
    ...meta.desc ? { description: meta.desc } : {},
    participants: meta.participants.map((p) => {
      var _a2;
      return { jid: participantJid(p), admin: (_a2 = p.admin) != null ? _a2 : null };
    }),
    ...meta.creation ? { createdAt: meta.creation * 1e3 } : {}
  };
}
async function groupCreate(sock, subject, participants) {
  return toGroupInfo(await sock.groupCreate(subject, participants));
}
async function groupInfo(sock, groupId) {
  return toGroupInfo(await sock.groupMetadata(groupId));
}
async function groupParticipants(sock, groupId, action, participants) {
  const results = await sock.groupParticipantsUpdate(groupId, participants, action);
  return results.map((r) => {
    var _a;
    return { jid: normalizeUserJid((_a = r.jid) != null ? _a : ""), status: String(r.status) };
  });
}
async function groupInviteCode(sock, groupId) {
  var _a;
  return (_a = await sock.groupInviteCode(groupId)) != null ? _a : "";
}
function participantJid(p) {
  return normalizeUserJid(p.id.endsWith("@lid") && p.phoneNumber ? p.phoneNumber : p.id);
}

const isLid = (jid) => Boolean(jid == null ? void 0 : jid.endsWith("@lid"));
const isGroup = (jid) => jid.endsWith("@g.us");
async function resolveKey(key, me, lookup) {
  var _a, _b;
  const remote = normalizeUserJid((_a = key.remoteJid) != null ? _a : "");
  if (isGroup(remote)) {
    const author = key.fromMe ? me : normalizeUserJid((_b = key.participant) != null ? _b : "");
    const phone2 = key.fromMe ? void 0 : await phoneOf(author, key.participantAlt, lookup);
    return { chatId: remote, sender: author, ...phone2 ? { senderPhone: phone2 } : {} };
  }
  const phone = await phoneOf(remote, key.remoteJidAlt, lookup);
  const chatId = phone != null ? phone : remote;
  if (key.fromMe) return { chatId, sender: me };
  return { chatId, sender: remote, ...phone ? { senderPhone: phone } : {} };
}
async function phoneOf(jid, alt, lookup) {
  if (!isLid(jid)) return void 0;
  if (alt && !isLid(alt)) return normalizeUserJid(alt);
  const found = await lookup(jid).catch(() => void 0);
  return found ? normalizeUserJid(found) : void 0;
}

const REVOKE = 0;
const MESSAGE_EDIT = 14;
const WRAPPERS = [
  "ephemeralMessage",
  "viewOnceMessage",
  "viewOnceMessageV2",
  "viewOnceMessageV2Extension",
  "documentWithCaptionMessage",
  "editedMessage",
  "deviceSentMessage"
];
function unwrapMessage(message) {
  var _a;
  let m = message != null ? message : void 0;
  for (let depth = 0; m && depth < 5; depth++) {
    const wrapper = WRAPPERS.find((k) => {
      var _a2;
      return (_a2 = m[k]) == null ? void 0 : _a2.message;
    });
    if (!wrapper) break;
    m = (_a = m[wrapper].message) != null ? _a : void 0;
  }
  return m;
}
function toInboundContent(message) {
  var _a, _b, _c, _d, _e, _f, _g, _h, _i, _j, _k, _l;
  const m = unwrapMessage(message);
  if (!m) return void 0;
  if (m.conversation != null) return { type: "text", text: m.conversation };
  if (m.extendedTextMessage) return { type: "text", text: (_a = m.extendedTextMessage.text) != null ? _a : "" };
  if (m.imageMessage) return media("image", m.imageMessage);
  if (m.videoMessage) return media("video", m.videoMessage);
  if (m.audioMessage) return { ...media("audio", m.audioMessage), ptt: Boolean(m.audioMessage.ptt) };
  if (m.documentMessage) return { ...media("document", m.documentMessage), ...opt("fileName", m.documentMessage.fileName) };
  if (m.stickerMessage) return media("sticker", m.stickerMessage);
  if (m.locationMessage || m.liveLocationMessage) {
    const l = (_b = m.locationMessage) != null ? _b : m.liveLocationMessage;
    return {
      type: "location",
      latitude: (_c = l.degreesLatitude) != null ? _c : 0,
      longitude: (_d = l.degreesLongitude) != null ? _d : 0,
      ...opt("name", l.name),
      ...opt("address", l.address)
    };
  }
  if (m.contactMessage) return { type: "contact", contacts: [contact(m.contactMessage)] };
  if (m.contactsArrayMessage) return { type: "contact", contacts: ((_e = m.contactsArrayMessage.contacts) != null ? _e : []).map(contact) };
  if (m.reactionMessage) return { type: "reaction", target: ref(m.reactionMessage.key), emoji: (_f = m.reactionMessage.text) != null ? _f : "" };
  const poll = (_h = (_g = m.pollCreationMessage) != null ? _g : m.pollCreationMessageV2) != null ? _h : m.pollCreationMessageV3;
  if (poll) {
    return { type: "poll", name: (_i = poll.name) != null ? _i : "", options: ((_j = poll.options) != null ? _j : []).map((o) => {
      var _a2;
      return (_a2 = o.optionName) != null ? _a2 : "";
    }), selectableCount: (_k = poll.selectableOptionsCount) != null ? _k : 0 };
  }
  const protocol = m.protocolMessage;
  if ((protocol == null ? void 0 : protocol.type) === REVOKE && protocol.key) return { type: "delete", target: ref(protocol.key) };
  if ((protocol == null ? void 0 : protocol.type) === MESSAGE_EDIT && protocol.key) {
    return { type: "edit", target: ref(protocol.key), text: (_l = textOf(protocol.editedMessage)) != null ? _l : "" };
  }
  if (protocol || m.senderKeyDistributionMessage || m.pollUpdateMessage || m.messageContextInfo) return void 0;
  return { type: "unknown", raw: Object.keys(m).join(",") };
}
function quotedIdOf(message) {
  var _a;
  const m = unwrapMessage(message);
  if (!m) return void 0;
  for (const value of Object.values(m)) {
    const id = (_a = value == null ? void 0 : value.contextInfo) == null ? void 0 : _a.stanzaId;
    if (id) return id;
  }
  return void 0;
}
function textOf(message) {
  var _a, _b, _c, _d, _e, _f, _g;
  const m = unwrapMessage(message);
  return (_g = (_f = (_d = (_b = m == null ? void 0 : m.conversation) != null ? _b : (_a = m == null ? void 0 : m.extendedTextMessage) == null ? void 0 : _a.text) != null ? _d : (_c = m == null ? void 0 : m.imageMessage) == null ? void 0 : _c.caption) != null ? _f : (_e = m == null ? void 0 : m.videoMessage) == null ? void 0 : _e.caption) != null ? _g : void 0;
}
function phoneFromVcard(vcard) {
  var _a, _b, _c;
  if (!vcard) return void 0;
  const waid = (_a = /waid=(\d+)/i.exec(vcard)) == null ? void 0 : _a[1];
  const tel = waid != null ? waid : (_c = (_b = /^TEL[^:]*:([+\d\s\-()]+)$/im.exec(vcard)) == null ? void 0 : _b[1]) == null ? void 0 : _c.replace(/\D/g, "");
  return tel ? `${tel}@s.whatsapp.net` : void 0;
}
function media(type, m) {
  const size = m.fileLength == null ? void 0 : typeof m.fileLength === "number" ? m.fileLength : Number(m.fileLength);
  return { type, ...opt("mimetype", m.mimetype), ...opt("caption", m.caption), ...size !== void 0 ? { size } : {} };
}
function contact(c) {
  var _a;
  const phone = phoneFromVcard(c.vcard);
  return { name: (_a = c.displayName) != null ? _a : "", ...opt("vcard", c.vcard), ...phone ? { phone } : {} };
}
function ref(key) {
  var _a;
  return { id: (_a = key == null ? void 0 : key.id) != null ? _a : "", ...(key == null ? void 0 : key.fromMe) != null ? { fromMe: key.fromMe } : {}, ...opt("participant", key == null ? void 0 : key.participant) };
}
function opt(name, value) {
  return value ? { [name]: value } : {};
}

async function toWAMessage(info, me, lookup, content = toInboundContent(info.message)) {
  var _a;
  if (!content || !((_a = info.key) == null ? void 0 : _a.id)) return void 0;
  const key = info.key;
  const who = await resolveKey(key, me, lookup);
  const quotedId = quotedIdOf(info.message);
  return {
    id: key.id,
    ...who,
    fromMe: Boolean(key.fromMe),
    timestamp: toMillis(info.messageTimestamp),
    ...info.pushName ? { pushName: info.pushName } : {},
    ...quotedId ? { quotedId } : {},
    content
  };
}
function toMillis(seconds) {
  if (seconds == null) return Date.now();
  return (typeof seconds === "number" ? seconds : seconds.toNumber()) * 1e3;
}

const STATUS_DELIVERED = 3;
async function mapEvents(events, l) {
  var _a, _b, _c, _d, _e, _f, _g, _h;
  const { ctx } = l;
  if (events["messages.upsert"]) await onUpsert(events["messages.upsert"], l);
  for (const { key, update } of (_a = events["messages.update"]) != null ? _a : []) if (update.status != null) await onStatus(key, update.status, l);
  for (const { key, receipt } of (_b = events["message-receipt.update"]) != null ? _b : []) {
    if (!key.id || !receipt.userJid) continue;
    const read = (_c = receipt.readTimestamp) != null ? _c : receipt.playedTimestamp;
    const event = read ? "message.read" : "message.delivered";
    const at = read != null ? read : receipt.receiptTimestamp;
    ctx.emit(event, { chatId: normalizeUserJid((_d = key.remoteJid) != null ? _d : ""), ids: [key.id], by: normalizeUserJid(receipt.userJid), timestamp: toMillis(at) });
  }
  const presence = events["presence.update"];
  for (const [participant, data] of Object.entries((_e = presence == null ? void 0 : presence.presences) != null ? _e : {})) {
    ctx.emit("presence", { chatId: presence.id, participant: normalizeUserJid(participant), state: data.lastKnownPresence });
  }
  const participants = events["group-participants.update"];
  if (participants && participants.action !== "modify") {
    ctx.emit("group.update", {
      groupId: participants.id,
      action: participants.action,
      participants: participants.participants.map(participantJid),
      ...participants.author ? { author: normalizeUserJid((_f = participants.authorPn) != null ? _f : participants.author) } : {}
    });
  }
  for (const group of (_g = events["groups.upsert"]) != null ? _g : []) {
    ctx.emit("group.update", { groupId: group.id, action: "create", participants: group.participants.map(participantJid), subject: group.subject });
  }
  for (const group of (_h = events["groups.update"]) != null ? _h : []) {
    if (group.id && group.subject) ctx.emit("group.update", { groupId: group.id, action: "subject", participants: [], subject: group.subject });
  }
}
async function onStatus(key, status, l) {
  if (!key.fromMe || !key.id || status < STATUS_DELIVERED) return;
  const { chatId } = await resolveKey(key, l.me(), l.lookup);
  const by = key.participant ? normalizeUserJid(key.participant) : chatId;
  l.ctx.emit(status === STATUS_DELIVERED ? "message.delivered" : "message.read", { chatId, ids: [key.id], by, timestamp: Date.now() });
}
async function onUpsert({ messages, type }, l) {
  var _a, _b;
  const { ctx, cache } = l;
  for (const info of messages) {
    const ours = cache.sentHere(info.key.id);
    cache.add(info, ours);
    if (ours && info.status != null && info.status >= STATUS_DELIVERED) await onStatus(info.key, info.status, l);
    if (type !== "notify" || ours) continue;
    if ((_a = info.message) == null ? void 0 : _a.pollUpdateMessage) {
      const vote = await l.decryptVote(info);
      const voter = await resolveKey(info.key, l.me(), l.lookup);
      if (vote) ctx.emit("poll.vote", { chatId: voter.chatId, pollId: vote.pollId, voter: (_b = voter.senderPhone) != null ? _b : voter.sender, selected: vote.selected });
      continue;
    }
    const message = await toWAMessage(info, l.me(), l.lookup);
    if (!message) continue;
    const { content, chatId, sender, timestamp } = message;
    if (content.type === "reaction") ctx.emit("message.reaction", { chatId, sender, target: content.target, emoji: content.emoji, timestamp });
    if (content.type === "delete") ctx.emit("message.revoked", { chatId, id: content.target.id, sender });
    if (content.type === "edit") ctx.emit("message.edited", { chatId, id: content.target.id, sender, text: content.text });
    ctx.emit(message.fromMe ? "message.sent" : "message.received", message);
  }
}

let loading;
function loadBaileys() {
  loading != null ? loading : loading = import('@whiskeysockets/baileys').catch((cause) => {
    loading = void 0;
    throw new MultiWAError("ENGINE_NOT_FOUND", 'The "baileys" engine needs @whiskeysockets/baileys: install it with `pnpm add @whiskeysockets/baileys@7.0.0-rc14`', {
      scope: "baileys",
      cause
    });
  });
  return loading;
}

const SCOPE$1 = "baileys";
const MAC_LENGTH = 10;
const REUPLOAD_STATUSES = [404, 410];
async function downloadThroughAgent(baileys, info, agent) {
  const content = baileys.extractMessageContent(info.message);
  const type = content ? baileys.getContentType(content) : void 0;
  const media = type ? content == null ? void 0 : content[type] : void 0;
  if (!type || !(media == null ? void 0 : media.mediaKey) || !(media.url || media.directPath)) {
    throw new MultiWAError("VALIDATION_FAILED", `Message "${info.key.id}" carries no downloadable media`, { scope: SCOPE$1 });
  }
  const url = media.directPath ? `https://${media.url ? new URL(media.url).host : baileys.DEF_MEDIA_HOST}${media.directPath}` : media.url;
  const [body, keys] = await Promise.all([_fetch(url, agent), baileys.getMediaKeys(media.mediaKey, type.replace("Message", ""))]);
  const encrypted = body.subarray(0, body.length - MAC_LENGTH);
  const mac = keys.macKey && createHmac("sha256", keys.macKey).update(keys.iv).update(encrypted).digest().subarray(0, MAC_LENGTH);
  if (body.length < MAC_LENGTH || mac && !timingSafeEqual(mac, body.subarray(body.length - MAC_LENGTH))) {
    throw new MultiWAError("VALIDATION_FAILED", `Media of message "${info.key.id}" failed its integrity check`, { scope: SCOPE$1 });
  }
  const decipher = createDecipheriv("aes-256-cbc", keys.cipherKey, keys.iv);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}
function _fetch(url, agent) {
  return new Promise((resolve, reject) => {
    const headers = { Origin: "https://web.whatsapp.com" };
    const onResponse = (res) => {
      var _a;
      if (((_a = res.statusCode) != null ? _a : 0) >= 400) return res.resume(), reject(new MultiWAError("NOT_FOUND", `Media download answered ${res.statusCode} (${new URL(url).host})`, { scope: SCOPE$1, details: { status: res.statusCode } }));
      const chunks = [];
      res.on("data", (c) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
    };
    const req = url.startsWith("https:") ? get(url, { agent, headers }, onResponse) : get$1(url, { headers }, onResponse);
    req.on("error", reject);
  });
}

var __defProp$1 = Object.defineProperty;
var __defNormalProp$1 = (obj, key, value) => key in obj ? __defProp$1(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$1 = (obj, key, value) => __defNormalProp$1(obj, typeof key !== "symbol" ? key + "" : key, value);
class MessageCache {
  constructor(capacity) {
    __publicField$1(this, "capacity", capacity);
    __publicField$1(this, "messages", /* @__PURE__ */ new Map());
    /** Ids this session sent itself, so Baileys' echo of them is not reported as sent elsewhere. */
    __publicField$1(this, "own", /* @__PURE__ */ new Set());
  }
  add(message, sentHere = false) {
    var _a;
    const id = (_a = message.key) == null ? void 0 : _a.id;
    if (!id || this.capacity === 0) return;
    this.messages.delete(id);
    this.messages.set(id, message);
    if (sentHere) this.own.add(id);
    while (this.messages.size > this.capacity) {
      const oldest = this.messages.keys().next().value;
      this.messages.delete(oldest);
      this.own.delete(oldest);
    }
  }
  /** Marks an id as ours before Baileys echoes it (the echo may come before `sendMessage` resolves). */
  markOwn(id) {
    this.own.add(id);
  }
  get(id) {
    return id ? this.messages.get(id) : void 0;
  }
  sentHere(id) {
    return Boolean(id && this.own.has(id));
  }
  get size() {
    return this.messages.size;
  }
}

function toBaileysContent(content, keyOf, mentions) {
  const withMentions = (mentions == null ? void 0 : mentions.length) ? { mentions } : {};
  switch (content.type) {
    case "text":
      return { text: content.text, ...withMentions };
    case "image":
      return { image: buffer(content.media.data), mimetype: content.media.mimetype, ...caption(content.caption), ...withMentions };
    case "video":
      return {
        video: buffer(content.media.data),
        mimetype: content.media.mimetype,
        ...caption(content.caption),
        ...content.gif ? { gifPlayback: true } : {},
        ...withMentions
      };
    case "sticker":
      return { sticker: buffer(content.media.data), mimetype: content.media.mimetype };
    case "audio":
      return { audio: buffer(content.media.data), mimetype: content.media.mimetype, ptt: Boolean(content.ptt) };
    case "document":
      return {
        document: buffer(content.media.data),
        mimetype: content.media.mimetype,
        ...content.fileName ? { fileName: content.fileName } : {},
        ...caption(content.caption),
        ...withMentions
      };
    case "location":
      return {
        location: {
          degreesLatitude: content.latitude,
          degreesLongitude: content.longitude,
          ...content.name ? { name: content.name } : {},
          ...content.address ? { address: content.address } : {}
        }
      };
    case "contact": {
      const contacts = content.contacts.map((c) => ({ displayName: c.name, vcard: toVcard(c) }));
      return { contacts: { displayName: contacts.length === 1 ? contacts[0].displayName : `${contacts.length} contacts`, contacts } };
    }
    case "reaction":
      return { react: { text: content.emoji, key: keyOf(content.target, false) } };
    case "poll":
      return { poll: { name: content.name, values: content.options, selectableCount: content.selectableCount } };
    case "edit":
      return { text: content.text, edit: keyOf(content.target, true) };
    case "delete":
      return { delete: keyOf(content.target, true) };
    default:
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Baileys cannot send \`${content.type}\` messages`, { scope: "baileys" });
  }
}
function toVcard(card) {
  const digits = card.phone.replace(/\D/g, "");
  const lines = ["BEGIN:VCARD", "VERSION:3.0", `FN:${escape(card.name)}`];
  if (card.organization) lines.push(`ORG:${escape(card.organization)}`);
  lines.push(`TEL;type=CELL;type=VOICE;waid=${digits}:${card.phone}`, "END:VCARD");
  return lines.join("\n");
}
function buffer(data) {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
function caption(text) {
  return text ? { caption: text } : {};
}
function escape(value) {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
}

function decryptVote(baileys, vote, poll, ids) {
  var _a, _b, _c, _d;
  const update = (_a = vote.message) == null ? void 0 : _a.pollUpdateMessage;
  const secret = (_c = (_b = poll.message) == null ? void 0 : _b.messageContextInfo) == null ? void 0 : _c.messageSecret;
  const pollId = (_d = update == null ? void 0 : update.pollCreationMessageKey) == null ? void 0 : _d.id;
  if (!(update == null ? void 0 : update.vote) || !secret || !pollId) return void 0;
  for (const creator of unique(ids.creator)) {
    for (const voter of unique(ids.voter)) {
      let decrypted;
      try {
        decrypted = baileys.decryptPollVote(update.vote, { pollCreatorJid: creator, pollMsgId: pollId, pollEncKey: secret, voterJid: voter });
      } catch {
        continue;
      }
      const tally = baileys.getAggregateVotesInPollMessage({
        message: poll.message,
        pollUpdates: [{ pollUpdateMessageKey: vote.key, vote: decrypted, senderTimestampMs: Date.now() }]
      });
      return { pollId, selected: tally.filter((o) => o.voters.length > 0).map((o) => o.name) };
    }
  }
  return void 0;
}
function unique(jids) {
  return [...new Set(jids.filter((j) => Boolean(j)).map(normalizeUserJid))];
}

var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
const SCOPE = "baileys";
function cacheKeys(baileys, store, logger) {
  const cached = baileys.makeCacheableSignalKeyStore(store, logger);
  return {
    get: (type, ids) => type === "pre-key" ? store.get(type, ids) : cached.get(type, ids),
    async set(data) {
      const { "pre-key": preKeys, ...rest } = data;
      await Promise.all([preKeys && store.set({ "pre-key": preKeys }), Object.keys(rest).length > 0 && cached.set(rest)]);
    }
  };
}
class BaileysSession {
  constructor(ctx, options, slots) {
    __publicField(this, "ctx", ctx);
    __publicField(this, "options", options);
    __publicField(this, "slots", slots);
    __publicField(this, "baileys");
    __publicField(this, "sock");
    __publicField(this, "auth");
    __publicField(this, "unsubscribe");
    __publicField(this, "flushGuard");
    __publicField(this, "account");
    __publicField(this, "closed", false);
    __publicField(this, "queue", Promise.resolve());
    __publicField(this, "cache");
    __publicField(this, "qrShown");
    __publicField(this, "qrNever");
    __publicField(this, "firstQr", new Promise((resolve, reject) => (this.qrShown = resolve, this.qrNever = reject)));
    __publicField(this, "releaseSlot", () => {
    });
    __publicField(this, "lookup", async (lid) => {
      var _a, _b;
      return (_b = await ((_a = this.sock) == null ? void 0 : _a.signalRepository.lidMapping.getPNForLID(lid))) != null ? _b : void 0;
    });
    this.cache = new MessageCache(options.messageCacheSize);
  }
  async connect() {
    const baileys = this.baileys = await loadBaileys();
    const auth = this.auth = await useStorageAuthState(this.ctx.storage, baileys);
    if (this.closed) return;
    this.ctx.emit("connection.update", { state: "connecting" });
    void this.slots.acquire().then((release) => {
      this.releaseSlot = release;
      if (this.closed) return release();
      try {
        this.openSocket(baileys, auth);
      } catch (error) {
        this.ctx.logger.warn("could not create the Baileys socket", error);
        void this.close("connection_lost");
      }
    });
  }
  async disconnect() {
    if (this.closed) return;
    await this.close("closed", () => {
      var _a;
      return (_a = this.sock) == null ? void 0 : _a.end(void 0);
    });
  }
  async logout() {
    var _a;
    (_a = this.auth) == null ? void 0 : _a.discard();
    const sock = this.sock;
    if (!sock || this.closed) return;
    await this.close("logged_out", () => sock.logout().catch((e) => this.ctx.logger.warn("logout request failed", e)));
  }
  async requestPairingCode(phone) {
    if (this.account) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: SCOPE });
    await this.firstQr;
    const sock = this.requireSocket();
    return sock.requestPairingCode(phone.replace(/\D/g, ""));
  }
  async send(to, content, options) {
    var _a;
    const sock = this.requireOpen();
    const quoted = options.quotedId ? this.quoted(to, options.quotedId) : void 0;
    const payload = toBaileysContent(content, (target, fromMe) => this.keyOf(to, target, fromMe), options.mentions);
    this.cache.markOwn(options.id);
    const sent = await sock.sendMessage(to, payload, { messageId: options.id, ...quoted ? { quoted } : {} });
    if (!sent) throw new MultiWAError("SEND_FAILED", `Baileys sent nothing for ${content.type}`, { scope: SCOPE });
    this.cache.add(sent, true);
    (_a = this.flushGuard) == null ? void 0 : _a.schedule();
    const message = await toWAMessage(sent, this.account.jid, this.lookup);
    return message != null ? message : { id: options.id, chatId: to, sender: this.account.jid, fromMe: true, timestamp: Date.now(), content: { type: "unknown" } };
  }
  async sendPresence(state, to) {
    await this.requireOpen().sendPresenceUpdate(state, to);
  }
  async markRead(chatId, ids, sender) {
    const participant = chatId.endsWith("@g.us") ? sender : void 0;
    await this.requireOpen().readMessages(ids.map((id) => {
      var _a, _b;
      return (_b = (_a = this.cache.get(id)) == null ? void 0 : _a.key) != null ? _b : { remoteJid: chatId, id, fromMe: false, ...participant ? { participant } : {} };
    }));
  }
  groupCreate(subject, participants) {
    return groupCreate(this.requireOpen(), subject, participants);
  }
  groupInfo(groupId) {
    return groupInfo(this.requireOpen(), groupId);
  }
  groupParticipants(groupId, action, participants) {
    return groupParticipants(this.requireOpen(), groupId, action, participants);
  }
  groupInviteCode(groupId) {
    return groupInviteCode(this.requireOpen(), groupId);
  }
  async groupLeave(groupId) {
    await this.requireOpen().groupLeave(groupId);
  }
  async downloadMedia(message) {
    const sock = this.requireOpen();
    const info = this.cache.get(message.id);
    if (!info) throw new MultiWAError("MESSAGE_NOT_FOUND", `Message "${message.id}" is no longer in the engine's recent-message cache`, { scope: SCOPE });
    const agent = this.options.fetchAgent;
    if (agent) {
      return downloadThroughAgent(this.baileys, info, agent).catch(async (error) => {
        var _a;
        if (!REUPLOAD_STATUSES.includes(Number((_a = error.details) == null ? void 0 : _a.status))) throw error;
        return downloadThroughAgent(this.baileys, await sock.updateMediaMessage(info), agent);
      });
    }
    return this.baileys.downloadMediaMessage(info, "buffer", {}, {
      logger: this.options.logger,
      reuploadRequest: (m) => sock.updateMediaMessage(m)
    });
  }
  // --- Internal helpers ---
  openSocket(baileys, auth) {
    const { fetchAgent, browser, waWebSocketUrl, socketConfig } = this.options;
    const logger = this.options.logger.child({ profile: this.ctx.profileId });
    this.sock = baileys.makeWASocket({
      ...waWebSocketUrl ? { waWebSocketUrl } : {},
      ...fetchAgent ? { fetchAgent } : {},
      ...browser ? { browser } : {},
      logger,
      auth: { creds: auth.state.creds, keys: cacheKeys(baileys, auth.state.keys, logger) },
      markOnlineOnConnect: false,
      syncFullHistory: false,
      getMessage: async (key) => {
        var _a, _b;
        return (_b = (_a = this.cache.get(key.id)) == null ? void 0 : _a.message) != null ? _b : void 0;
      },
      ...socketConfig
    });
    this.flushGuard = guardEventFlush(this.sock);
    this.unsubscribe = this.sock.ev.process((events) => {
      this.queue = this.queue.then(() => this.onEvents(events)).catch((e) => this.ctx.logger.warn("event handling failed", e));
    });
  }
  async onEvents(events) {
    var _a;
    if (this.closed) return;
    if (events["creds.update"]) {
      Object.assign(this.auth.state.creds, events["creds.update"]);
      void this.auth.saveCreds().catch((e) => this.ctx.logger.error("could not store credentials", e));
    }
    const connection = events["connection.update"];
    if (connection == null ? void 0 : connection.qr) {
      this.releaseSlot();
      this.ctx.emit("qr", { qr: connection.qr });
      this.qrShown();
    }
    await mapEvents(events, {
      ctx: this.ctx,
      cache: this.cache,
      me: () => {
        var _a2, _b, _c, _d;
        return (_d = (_a2 = this.account) == null ? void 0 : _a2.jid) != null ? _d : normalizeUserJid((_c = (_b = this.auth.state.creds.me) == null ? void 0 : _b.id) != null ? _c : "");
      },
      lookup: this.lookup,
      decryptVote: async (vote) => this.decryptVote(vote)
    });
    if ((connection == null ? void 0 : connection.connection) === "open") this.open();
    if ((connection == null ? void 0 : connection.connection) === "close") {
      const reason = disconnectReason((_a = connection.lastDisconnect) == null ? void 0 : _a.error);
      await this.close(reason);
    }
  }
  open() {
    this.releaseSlot();
    const me = this.auth.state.creds.me;
    if (!me) return;
    this.account = {
      jid: normalizeUserJid(me.id),
      ...me.lid ? { lid: normalizeUserJid(me.lid) } : {},
      ...me.name && me.name !== "~" ? { name: me.name } : {}
    };
    this.ctx.emit("connection.update", { state: "open", me: this.account });
  }
  /** Ends the socket once, stores what is queued, then reports why. */
  async close(reason, end) {
    var _a, _b, _c, _d, _e;
    if (this.closed) return;
    this.closed = true;
    this.account = void 0;
    this.releaseSlot();
    this.firstQr.catch(() => {
    });
    this.qrNever(new MultiWAError("ENGINE_NOT_CONNECTED", `The connection closed (${reason}) before a pairing code could be requested`, { scope: SCOPE }));
    if (reason === "logged_out") (_a = this.auth) == null ? void 0 : _a.discard();
    await (end == null ? void 0 : end());
    (_b = this.unsubscribe) == null ? void 0 : _b.call(this);
    (_c = this.flushGuard) == null ? void 0 : _c.stop();
    (_d = this.sock) == null ? void 0 : _d.end(void 0);
    await ((_e = this.auth) == null ? void 0 : _e.flush().catch((e) => this.ctx.logger.error("could not store credentials", e)));
    this.ctx.emit("connection.update", { state: "close", reason });
  }
  keyOf(chat, target, defaultFromMe) {
    var _a, _b;
    const cached = (_a = this.cache.get(target.id)) == null ? void 0 : _a.key;
    if (cached) return { remoteJid: cached.remoteJid, id: cached.id, fromMe: cached.fromMe, ...cached.participant ? { participant: cached.participant } : {} };
    return { remoteJid: chat, id: target.id, fromMe: (_b = target.fromMe) != null ? _b : defaultFromMe, ...target.participant ? { participant: target.participant } : {} };
  }
  /** The quoted message: the real one when cached, else a stub WhatsApp still renders as a reply. */
  quoted(chat, id) {
    const cached = this.cache.get(id);
    if ((cached == null ? void 0 : cached.key) && cached.message) return cached;
    return { key: { remoteJid: chat, id, fromMe: false }, message: { conversation: "" } };
  }
  decryptVote(vote) {
    var _a, _b, _c, _d, _e, _f;
    const pollId = (_c = (_b = (_a = vote.message) == null ? void 0 : _a.pollUpdateMessage) == null ? void 0 : _b.pollCreationMessageKey) == null ? void 0 : _c.id;
    const poll = this.cache.get(pollId);
    if (!poll || !this.account) return void 0;
    const creator = ((_d = poll.key) == null ? void 0 : _d.fromMe) ? [this.account.jid, this.account.lid] : [((_e = poll.key) == null ? void 0 : _e.participant) || ((_f = poll.key) == null ? void 0 : _f.remoteJid)];
    const key = vote.key;
    const voter = key.fromMe ? [this.account.jid, this.account.lid] : [key.participant || key.remoteJid, key.participantAlt || key.remoteJidAlt];
    return decryptVote(this.baileys, vote, poll, { creator, voter });
  }
  requireSocket() {
    if (!this.sock || this.closed) throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Baileys session is closed", { scope: SCOPE });
    return this.sock;
  }
  requireOpen() {
    const sock = this.requireSocket();
    if (!this.account) throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Baileys session is not logged in yet", { scope: SCOPE });
    return sock;
  }
}

const ENGINE_NAME = "baileys";
const BAILEYS_CAPABILITIES = [
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
function baileysEngine(options = {}) {
  const resolved = resolveOptions(options);
  const slots = new ConnectSlots(resolved.maxConcurrentLogins);
  return {
    name: ENGINE_NAME,
    capabilities: BAILEYS_CAPABILITIES,
    createSession: (context) => new BaileysSession(context, resolved, slots)
  };
}

export { BAILEYS_CAPABILITIES, ENGINE_NAME, baileysEngine, baileysEngine as default, disconnectReason, phoneFromVcard, quotedIdOf, silentLogger, toInboundContent, unwrapMessage, useStorageAuthState };
//# sourceMappingURL=src.mjs.map
