import { randomBytes } from "node:crypto";
import { getBinaryNodeChild, type BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { children, iqError, iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { GroupStore, SimGroup } from "./groups.js";

/** Settings and pending join requests of a group, as WhatsApp keeps them server-side. */
export interface GroupAdminState {
  announce: boolean;
  locked: boolean;
  /** Disappearing-messages timer in seconds; 0 when off. */
  ephemeral: number;
  memberAddMode: "admin_add" | "all_member_add";
  approval: boolean;
  /** Who asked to join, and when (seconds). */
  readonly requests: Map<SimPhone, number>;
  /** Picture id, bumped on each change; undefined when there is none. */
  pictureId?: string;
  picture?: Uint8Array;
  descriptionId?: string;
}

export const newAdminState = (): GroupAdminState => ({
  announce: false,
  locked: false,
  ephemeral: 0,
  memberAddMode: "admin_add",
  approval: false,
  requests: new Map(),
});

/** The setting children of a `<group>` metadata node, in the tags Baileys' `extractGroupMetadata` reads. */
export function settingNodes(g: SimGroup): BinaryNode[] {
  const s = g.admin;
  return [
    ...(s.announce ? [node("announcement")] : []),
    ...(s.locked ? [node("locked")] : []),
    ...(s.ephemeral ? [node("ephemeral", { expiration: String(s.ephemeral) })] : []),
    node("member_add_mode", {}, s.memberAddMode),
    ...(s.approval ? [node("membership_approval_mode", {}, [node("group_join", { state: "on" })])] : []),
  ];
}

const SETTING_TAGS = new Set([
  "announcement",
  "not_announcement",
  "locked",
  "unlocked",
  "ephemeral",
  "not_ephemeral",
  "member_add_mode",
  "membership_approval_mode",
  "description",
]);

const ADMIN_ONLY = new Set([...SETTING_TAGS, "membership_approval_requests", "membership_requests_action"]);

/**
 * A `w:g2` iq on one group that `groups.ts` does not answer itself: settings, description, join requests.
 * `undefined` when the tag is not ours either.
 */
export function adminIq(
  store: GroupStore,
  group: SimGroup,
  me: SimPhone,
  iq: BinaryNode,
  first: BinaryNode,
  origin?: Companion,
): BinaryNode | undefined {
  if (!SETTING_TAGS.has(first.tag) && !ADMIN_ONLY.has(first.tag)) return undefined;
  const infoEdit = first.tag === "description" && !group.admin.locked;
  if (!infoEdit && !group.participants.get(me) && ADMIN_ONLY.has(first.tag)) return iqError(iq, 403, "forbidden");
  switch (first.tag) {
    case "membership_approval_requests":
      return iqResult(iq, [
        node(
          "membership_approval_requests",
          {},
          [...group.admin.requests].map(([p, t]) =>
            node("membership_approval_request", {
              jid: group.address(p).jid,
              phone_number: p.jid,
              request_method: "invite_link",
              request_time: String(t),
            }),
          ),
        ),
      ]);
    case "membership_requests_action":
      return iqResult(iq, [decideRequests(store, group, me, children(first)[0], origin)]);
    default:
      applyChange(store, group, me, first, origin);
      return iqResult(iq);
  }
}

/** Applies one setting child (`<announcement/>`, `<ephemeral expiration=…/>`, …) and tells the members. */
export function applyChange(
  store: GroupStore,
  group: SimGroup,
  actor: SimPhone,
  change: BinaryNode,
  origin?: Companion,
): void {
  const s = group.admin;
  switch (change.tag) {
    case "announcement":
    case "not_announcement":
      s.announce = change.tag === "announcement";
      break;
    case "locked":
    case "unlocked":
      s.locked = change.tag === "locked";
      break;
    case "ephemeral":
    case "not_ephemeral":
      s.ephemeral = change.tag === "ephemeral" ? Number(change.attrs.expiration ?? 0) : 0;
      break;
    case "member_add_mode":
      s.memberAddMode = String(contentOf(change)) === "all_member_add" ? "all_member_add" : "admin_add";
      return notifyChange(store, group, actor, node("member_add_mode", {}, s.memberAddMode), origin);
    case "membership_approval_mode":
      s.approval = getBinaryNodeChild(change, "group_join")?.attrs.state === "on";
      break;
    case "description": {
      const body = getBinaryNodeChild(change, "body");
      group.description = body ? String(contentOf(body)) : undefined;
      s.descriptionId = group.description ? (change.attrs.id ?? serverId("desc")) : undefined;
      const attrs = { id: s.descriptionId, participant: group.address(actor).jid, t: unixTime() };
      return notifyChange(
        store,
        group,
        actor,
        group.description
          ? node("description", attrs, [node("body", {}, Buffer.from(group.description))])
          : node("description", { ...attrs, delete: "true" }),
        origin,
      );
    }
  }
  notifyChange(store, group, actor, change, origin);
}

/** `invite` set on a group: a new code; members hear `<invite code=…>`. */
export function revokeInvite(store: GroupStore, group: SimGroup, actor: SimPhone, origin?: Companion): string {
  group.inviteCode = randomBytes(16).toString("base64url");
  notifyChange(store, group, actor, node("invite", { code: group.inviteCode }), origin);
  return group.inviteCode;
}

/** A phone asks to join a group that wants approval; admins hear `created_membership_requests`. */
export function requestJoin(store: GroupStore, group: SimGroup, phone: SimPhone, origin?: Companion): void {
  group.admin.requests.set(phone, Math.floor(Date.now() / 1000));
  store.notify(
    group,
    phone,
    node("created_membership_requests", { request_method: "invite_link" }, [requestParticipant(group, phone)]),
    origin,
  );
}

/** The group's picture changed: `<notification type=picture>` with `<set>` (or `<delete>`) to every member. */
export function setPicture(
  store: GroupStore,
  group: SimGroup,
  actor: SimPhone,
  picture: Uint8Array | undefined,
  origin?: Companion,
): void {
  group.admin.picture = picture;
  group.admin.pictureId = picture ? String(Date.now()) : undefined;
  const author = group.address(actor).jid;
  const change = picture
    ? node("set", { jid: group.jid, id: group.admin.pictureId, author })
    : node("delete", { jid: group.jid, author });
  const stanza = node("notification", { from: group.jid, type: "picture", id: serverId("pic"), t: unixTime() }, [
    change,
  ]);
  for (const c of store.clientsOf(group)) if (c !== origin) c.send(stanza);
}

// --- Internal helpers ---

function decideRequests(
  store: GroupStore,
  group: SimGroup,
  actor: SimPhone,
  decision: BinaryNode | undefined,
  origin?: Companion,
): BinaryNode {
  const action = decision?.tag === "approve" ? "approve" : "reject";
  const results: BinaryNode[] = [];
  const decided: SimPhone[] = [];
  for (const p of children(decision)) {
    const jid = p.attrs.jid ?? "";
    const phone = [...group.admin.requests.keys()].find((r) => r.jid === jid || r.lidJid === jid);
    if (!phone) {
      results.push(node("participant", { jid, error: "404" }));
      continue;
    }
    group.admin.requests.delete(phone);
    decided.push(phone);
    results.push(node("participant", { jid }));
  }
  if (action === "approve" && decided.length) store.update(group, actor, "add", decided, origin);
  for (const phone of decided.filter(() => action === "reject"))
    store.notify(group, actor, node("revoked_membership_requests", {}, [requestParticipant(group, phone)]), origin);
  return node("membership_requests_action", {}, [node(action, {}, results)]);
}

function requestParticipant(group: SimGroup, phone: SimPhone): BinaryNode {
  return node("participant", { jid: group.address(phone).jid, phone_number: phone.jid });
}

function notifyChange(store: GroupStore, group: SimGroup, actor: SimPhone, change: BinaryNode, origin?: Companion) {
  store.notify(group, actor, change, origin);
}

function contentOf(n: BinaryNode): string {
  const c = n.content;
  return c instanceof Uint8Array ? Buffer.from(c).toString() : typeof c === "string" ? c : "";
}
