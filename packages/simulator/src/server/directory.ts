import type { IncomingMessage, ServerResponse } from "node:http";
import { getBinaryNodeChild, getBinaryNodeChildren, jidDecode, type BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { childBytes, iqError, iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";
import type { WhatsAppSimulator } from "./simulator.js";

/** Privacy values WhatsApp takes per category (others get a 400). */
const PRIVACY_VALUES: Record<string, readonly string[]> = {
  readreceipts: ["all", "none"],
  last: ["all", "contacts", "contact_blacklist", "none"],
  online: ["all", "match_last_seen"],
  profile: ["all", "contacts", "contact_blacklist", "none"],
  status: ["all", "contacts", "contact_blacklist", "none"],
  groupadd: ["all", "contacts", "contact_blacklist"],
  calladd: ["all", "known"],
  messages: ["all", "contacts"],
};

/** Pictures are served at `/pp/<id>`, the simulator's stand-in for WhatsApp's picture CDN. */
const PICTURE_PATH = "/pp/";

/**
 * The account side of WhatsApp for what Baileys rc14 asks: profile pictures (`w:profile:picture`),
 * the own about (`status`), privacy categories (`privacy`), the blocklist (`blocklist`) and business
 * profiles (`w:biz`). The requesting account is the connection's phone.
 */
export const onDirectoryIq = (sim: WhatsAppSimulator, conn: Connection, iq: BinaryNode): BinaryNode | undefined => {
  const me = conn.companion ? sim.phone(conn.companion.pn) : undefined;
  switch (iq.attrs.xmlns) {
    case "w:profile:picture":
      return iq.attrs.type === "get" ? pictureGet(sim, me, iq) : pictureSet(sim, conn, me, iq);
    case "status":
      if (me && iq.attrs.type === "set") {
        me.profile.about = childBytes(iq, "status")?.toString("utf8") ?? "";
        me.profile.aboutSetAt = Number(unixTime());
      }
      return iqResult(iq);
    case "privacy":
      return privacyIq(me, iq);
    case "blocklist":
      return blocklistIq(sim, me, iq);
    case "w:biz":
      return businessIq(sim, iq);
    default:
      return undefined;
  }
};

/** `<status>` for a usync status query: the about text, or code 401 when `viewer` may not see it. */
export const statusNode = (phone: SimPhone, viewer: SimPhone | undefined): BinaryNode =>
  visible(phone, viewer, "status")
    ? node("status", { t: String(phone.profile.aboutSetAt) }, Buffer.from(phone.profile.about))
    : node("status", { code: "401" });

/** Tells every other account's online clients that `phone`'s picture changed, as WhatsApp does for contacts. */
export const notifyPicture = (sim: WhatsAppSimulator, phone: SimPhone, origin?: Connection): void => {
  const picture = phone.profile.picture;
  const change = picture ? node("set", { jid: phone.jid, id: picture.id }) : node("delete", { jid: phone.jid });
  const stanza = node("notification", { from: phone.jid, type: "picture", id: serverId("pic"), t: unixTime() }, [
    change,
  ]);
  for (const other of sim.phones)
    for (const c of other.companions.values()) if (c.online && c.conn !== origin && other !== phone) c.send(stanza);
};

/** Tells the account's own clients that it blocked or unblocked someone (`account_sync`). */
export const notifyBlock = (phone: SimPhone, lid: string, action: "block" | "unblock"): void => {
  const stanza = node("notification", { from: phone.jid, type: "account_sync", id: serverId("blk"), t: unixTime() }, [
    node("blocklist", {}, [node("item", { action, jid: lid })]),
  ]);
  for (const c of phone.companions.values()) if (c.online) c.send(stanza);
};

/** Serves picture bytes; false when the request is not for a picture. */
export const handlePictureRequest = (sim: WhatsAppSimulator, req: IncomingMessage, res: ServerResponse): boolean => {
  const path = (req.url ?? "").split("?")[0]!;
  if (req.method !== "GET" || !path.startsWith(PICTURE_PATH)) return false;
  const id = path.slice(PICTURE_PATH.length);
  const picture = sim.phones.map((p) => p.profile.picture).find((p) => p?.id === id);
  res.writeHead(picture ? 200 : 404, { "content-type": "image/jpeg" });
  res.end(picture?.data);
  return true;
};

// --- Internal helpers ---

/** Whether `viewer` may see `owner`'s `category` (picture: profile, about: status) under its privacy. */
const visible = (owner: SimPhone, viewer: SimPhone | undefined, category: string): boolean => {
  if (viewer === owner) return true;
  const value = owner.profile.privacy[category];
  return value !== "none" && !(viewer && owner.profile.blocked.has(viewer.lidJid));
};

const pictureGet = (sim: WhatsAppSimulator, me: SimPhone | undefined, iq: BinaryNode): BinaryNode => {
  const owner = sim.phone(iq.attrs.target ?? "");
  if (!owner) return iqError(iq, 404, "item-not-found");
  if (!visible(owner, me, "profile")) return iqError(iq, 401, "not-authorized");
  const picture = owner.profile.picture;
  if (!picture) return iqError(iq, 404, "item-not-found");
  const type = getBinaryNodeChild(iq, "picture")?.attrs.type ?? "image";
  const url = `http://127.0.0.1:${sim.port}${PICTURE_PATH}${picture.id}`;
  return iqResult(iq, [node("picture", { id: picture.id, type, url, direct_path: `${PICTURE_PATH}${picture.id}` })]);
};

const pictureSet = (sim: WhatsAppSimulator, conn: Connection, me: SimPhone | undefined, iq: BinaryNode): BinaryNode => {
  // A `target` is a group (handled with groups) or someone else: only the own picture is modelled here.
  if (!me || (iq.attrs.target && sim.phone(iq.attrs.target) !== me)) return iqError(iq, 403, "forbidden");
  const data = childBytes(iq, "picture");
  me.profile.picture = data?.length ? { id: String(Date.now() + Math.floor(Math.random() * 1000)), data } : undefined;
  notifyPicture(sim, me, conn);
  return iqResult(iq, me.profile.picture ? [node("picture", { id: me.profile.picture.id })] : undefined);
};

const privacyIq = (me: SimPhone | undefined, iq: BinaryNode): BinaryNode => {
  if (!me) return iqError(iq, 401, "not-authorized");
  if (iq.attrs.type === "set") {
    const categories = getBinaryNodeChildren(getBinaryNodeChild(iq, "privacy"), "category");
    for (const { attrs } of categories)
      if (!PRIVACY_VALUES[attrs.name ?? ""]?.includes(attrs.value ?? "")) return iqError(iq, 400, "bad-request");
    for (const { attrs } of categories) me.profile.privacy[attrs.name!] = attrs.value!;
    return iqResult(iq);
  }
  const list = Object.entries(me.profile.privacy).map(([name, value]) => node("category", { name, value }));
  return iqResult(iq, [node("privacy", {}, list)]);
};

const blocklistIq = (sim: WhatsAppSimulator, me: SimPhone | undefined, iq: BinaryNode): BinaryNode => {
  if (!me) return iqError(iq, 401, "not-authorized");
  if (iq.attrs.type !== "set")
    return iqResult(iq, [
      node(
        "list",
        {},
        [...me.profile.blocked].map(([jid, pn]) => node("item", { jid, pn_jid: pn })),
      ),
    ]);
  const item = getBinaryNodeChild(iq, "item");
  const target = sim.phone(item?.attrs.jid ?? "");
  // rc14 addresses the user by LID and adds the number when blocking; WhatsApp refuses anything else.
  if (!target || jidDecode(item!.attrs.jid!)?.server !== "lid") return iqError(iq, 400, "bad-request");
  if (item!.attrs.action === "block") {
    if (!item!.attrs.pn_jid || sim.phone(item!.attrs.pn_jid) !== target) return iqError(iq, 400, "bad-request");
    me.profile.blocked.set(target.lidJid, target.jid);
  } else if (item!.attrs.action === "unblock") me.profile.blocked.delete(target.lidJid);
  else return iqError(iq, 400, "bad-request");
  return iqResult(iq);
};

const businessIq = (sim: WhatsAppSimulator, iq: BinaryNode): BinaryNode => {
  const request = getBinaryNodeChild(iq, "business_profile");
  const profiles = getBinaryNodeChildren(request, "profile").flatMap(({ attrs }) => {
    const owner = sim.phone(attrs.jid ?? "");
    const biz = owner?.profile.business;
    if (!owner || !biz) return [];
    const text = (tag: string, value?: string) => (value ? [node(tag, {}, Buffer.from(value))] : []);
    return [
      node("profile", { jid: attrs.jid }, [
        ...text("address", biz.address),
        ...text("description", biz.description),
        ...text("website", biz.website),
        ...text("email", biz.email),
        ...(biz.category ? [node("categories", {}, [node("category", { id: "1" }, Buffer.from(biz.category))])] : []),
      ]),
    ];
  });
  return iqResult(iq, [node("business_profile", { v: request?.attrs.v ?? "244" }, profiles)]);
};
