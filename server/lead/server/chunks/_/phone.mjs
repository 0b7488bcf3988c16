import { d as apiError } from '../nitro/nitro.mjs';
import { deflateSync, crc32 } from 'node:zlib';

let cached;
function samplePng() {
  cached != null ? cached : cached = encode(96, 96, (x, y) => {
    const onCheck = Math.abs(y - (x < 42 ? x + 18 : 102 - x)) < 6 && x > 22 && x < 76;
    return onCheck ? [255, 255, 255] : [37, 211, 102];
  });
  return cached;
}
function encode(width, height, pixel) {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function phonePair(world, profileId, phone) {
  const contact = world.contact(phone);
  if (!contact) throw apiError(404, { code: "NOT_FOUND", message: `No simulated contact ${phone}; GET /api/demo lists them`, field: "phone" });
  const line = world.line(profileId);
  if (!line) throw apiError(409, { code: "DEMO_NOT_LINKED", message: `Profile "${profileId}" is not linked to a demo phone yet: start it and link a demo phone`, field: "id" });
  return { contact, line };
}
async function conversation(wa, world, profileId, contact) {
  const received = await Promise.all(world.received(profileId, contact).map(async (m) => {
    const status = await wa.getMessage(profileId, m.id).then((r) => r.status, () => void 0);
    const receipts = world.receipts(profileId, m.id);
    return { ...summarize(m.message), id: m.id, direction: "in", at: m.timestamp, ...status ? { status } : {}, ...receipts ? { receipts } : {} };
  }));
  const sent = world.sent(profileId, contact.pn).map(({ profileId: _p, contact: _c, ...s }) => ({ ...s, direction: "out" }));
  return [...received, ...sent].sort((a, b) => a.at - b.at);
}
async function send(world, profileId, contact, line, body) {
  var _a, _b;
  const base = { profileId, contact: contact.pn, at: Date.now() };
  let entry;
  if (body.type === "text") {
    entry = { ...base, type: "text", text: body.text, id: (await contact.sendText(line, body.text)).id };
  } else if (body.type === "image") {
    const data = body.base64 ? Buffer.from(body.base64, "base64") : samplePng();
    const sent = await contact.sendMedia(line, "image", { data, mimetype: body.base64 ? (_a = body.mimetype) != null ? _a : "image/png" : "image/png", ...body.caption ? { caption: body.caption } : {} });
    entry = { ...base, type: "image", id: sent.id, ...body.caption ? { text: body.caption } : {} };
  } else {
    const target = receivedMessage(world, profileId, contact, body.messageId);
    if (body.type === "reaction") {
      const sent = await contact.sendReaction(line, { remoteJid: line.jid, fromMe: false, id: target.id }, body.emoji);
      entry = { ...base, type: "reaction", id: sent.id, text: body.emoji, target: target.id };
    } else {
      const poll = summarize(target.message);
      if (poll.type !== "poll") throw apiError(400, { code: "VALIDATION_FAILED", message: `Message ${target.id} is not a poll`, field: "messageId" });
      const unknown = body.options.find((o) => {
        var _a2;
        return !((_a2 = poll.options) == null ? void 0 : _a2.includes(o));
      });
      if (unknown) throw apiError(400, { code: "VALIDATION_FAILED", message: `"${unknown}" is not an option of this poll (${(_b = poll.options) == null ? void 0 : _b.join(", ")})`, field: "options" });
      const sent = await contact.votePoll(target, body.options);
      entry = { ...base, type: "poll_vote", id: sent.id, text: body.options.join(", "), target: target.id };
    }
  }
  world.record(entry);
  const { profileId: _p, contact: _c, ...view } = entry;
  return { ...view, direction: "out" };
}
function summarize(message) {
  var _a, _b, _c, _d, _e, _f, _g, _h, _i, _j, _k, _l;
  const m = message;
  const text = (_b = m.conversation) != null ? _b : (_a = m.extendedTextMessage) == null ? void 0 : _a.text;
  if (text != null) return { type: "text", text };
  const poll = (_d = (_c = m.pollCreationMessage) != null ? _c : m.pollCreationMessageV2) != null ? _d : m.pollCreationMessageV3;
  if (poll) return { type: "poll", text: (_e = poll.name) != null ? _e : "", options: ((_f = poll.options) != null ? _f : []).map((o) => {
    var _a2;
    return (_a2 = o.optionName) != null ? _a2 : "";
  }) };
  if (m.imageMessage) return { type: "image", ...m.imageMessage.caption ? { text: m.imageMessage.caption } : {} };
  if (m.videoMessage) return { type: "video", ...m.videoMessage.caption ? { text: m.videoMessage.caption } : {} };
  if (m.audioMessage) return { type: m.audioMessage.ptt ? "voice" : "audio" };
  if (m.documentMessage) return { type: "document", text: (_g = m.documentMessage.fileName) != null ? _g : "" };
  if (m.stickerMessage) return { type: "sticker" };
  if (m.reactionMessage) return { type: "reaction", text: (_h = m.reactionMessage.text) != null ? _h : "" };
  if (m.locationMessage) return { type: "location", text: (_i = m.locationMessage.name) != null ? _i : `${m.locationMessage.degreesLatitude}, ${m.locationMessage.degreesLongitude}` };
  if (m.contactMessage) return { type: "contact", text: (_j = m.contactMessage.displayName) != null ? _j : "" };
  return { type: (_l = (_k = Object.keys(m).find((k) => k !== "messageContextInfo")) == null ? void 0 : _k.replace(/Message$/, "")) != null ? _l : "unknown" };
}
function receivedMessage(world, profileId, contact, id) {
  const found = world.received(profileId, contact).find((m) => m.id === id);
  if (!found) throw apiError(404, { code: "NOT_FOUND", message: `The profile sent no message ${id} to ${contact.pn}`, field: "messageId" });
  return found;
}

export { conversation as c, phonePair as p, send as s };
//# sourceMappingURL=phone.mjs.map
