import { randomBytes } from "node:crypto";
import { getBinaryNodeChild, type BinaryNode, type proto } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import type { ReceivedMessage } from "../types.js";
import { children, iqError, iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { Connection } from "./connection.js";
import {
  adminIq,
  applyChange,
  newAdminState,
  requestJoin,
  revokeInvite,
  setPicture,
  settingNodes,
} from "./group-admin.js";
import { stanzaType } from "../scenario/content.js";
import { autoReceipts, encryptFor } from "./relay.js";
import type { WhatsAppSimulator } from "./simulator.js";

export type GroupRole = "superadmin" | "admin" | null;
export type GroupAction = "add" | "remove" | "promote" | "demote";

/** Server-side state of one group. */
export class SimGroup {
  readonly participants = new Map<SimPhone, GroupRole>();
  readonly creation = Math.floor(Date.now() / 1000);
  inviteCode = randomBytes(16).toString("base64url");
  description?: string;
  /** Settings, join requests and picture (group-admin.ts). */
  readonly admin = newAdminState();
  /** Which (sender → client device) pairs already got the sender's key. */
  readonly senderKeysSent = new Set<string>();

  constructor(
    readonly id: string,
    public subject: string,
    readonly creator: SimPhone,
    readonly addressing: "pn" | "lid" = "pn",
  ) {}

  /** How a member appears in this group: its PN JID, or its LID JID in LID-addressed groups. */
  address(p: SimPhone): { jid: string; alt: string } {
    return this.addressing === "lid" ? { jid: p.lidJid, alt: p.jid } : { jid: p.jid, alt: p.lidJid };
  }

  /** `<participant>` for metadata and notifications, with the other address alongside. */
  participantNode(p: SimPhone, role?: GroupRole): BinaryNode {
    const { jid, alt } = this.address(p);
    return node(
      "participant",
      this.addressing === "lid"
        ? { jid, phone_number: alt, type: role ?? undefined }
        : { jid, lid: alt, type: role ?? undefined },
    );
  }

  get jid(): string {
    return `${this.id}@g.us`;
  }

  members(): SimPhone[] {
    return [...this.participants.keys()];
  }
}

/** Groups: `w:g2` queries from clients, phone-driven changes, and group message fan-out. */
export class GroupStore {
  readonly #groups = new Map<string, SimGroup>();
  #seq = 0;

  constructor(private readonly sim: WhatsAppSimulator) {}

  get(jid: string): SimGroup | undefined {
    return jid.endsWith("@g.us") ? this.#groups.get(jid) : undefined;
  }

  get all(): SimGroup[] {
    return [...this.#groups.values()];
  }

  /** Creates a group owned by `creator` and tells every member's clients. */
  create(
    creator: SimPhone,
    subject: string,
    members: SimPhone[],
    opts: { addressing?: "pn" | "lid"; origin?: Companion } = {},
  ): SimGroup {
    const id = `1203630${Date.now().toString().slice(-8)}${(this.#seq++).toString().padStart(3, "0")}`;
    const group = new SimGroup(id, subject, creator, opts.addressing ?? this.sim.options.groupAddressing);
    const actor = opts.origin;
    this.#groups.set(group.jid, group);
    group.participants.set(creator, "superadmin");
    for (const m of members) if (m !== creator) group.participants.set(m, null);
    this.notify(group, creator, node("create", {}, [this.toNode(group)]), actor);
    return group;
  }

  /** Applies a participant change made by `actor` (a phone) and notifies clients. */
  update(group: SimGroup, actor: SimPhone, action: GroupAction, phones: SimPhone[], origin?: Companion): void {
    for (const p of phones) {
      if (action === "add") group.participants.set(p, null);
      else if (action === "remove") group.participants.delete(p);
      else if (group.participants.has(p)) group.participants.set(p, action === "promote" ? "admin" : null);
    }
    const list = phones.map((p) => group.participantNode(p));
    this.notify(group, actor, node(action, {}, list), origin, action === "remove" ? phones : []);
  }

  setSubject(group: SimGroup, actor: SimPhone, subject: string, origin?: Companion): void {
    group.subject = subject;
    this.notify(group, actor, node("subject", { subject, s_o: actor.jid, s_t: unixTime() }), origin);
  }

  /**
   * A phone changes a setting or the description, as a `w:g2` set child: `announcement`/`not_announcement`,
   * `locked`/`unlocked`, `ephemeral` (`{ expiration }`)/`not_ephemeral`, `member_add_mode` (content
   * `all_member_add`/`admin_add`), `membership_approval_mode` (a `group_join` child), `description`.
   */
  change(
    group: SimGroup,
    actor: SimPhone,
    tag: string,
    attrs: Record<string, string> = {},
    content?: BinaryNode["content"],
  ) {
    applyChange(this, group, actor, node(tag, attrs, content));
  }

  /** A phone follows the invite link of a group that wants approval: admins see the request. */
  requestJoin(group: SimGroup, phone: SimPhone): void {
    requestJoin(this, group, phone);
  }

  /** A phone revokes the invite link. */
  revokeInvite(group: SimGroup, actor: SimPhone): string {
    return revokeInvite(this, group, actor);
  }

  /** A phone sets (or with `undefined` removes) the group's picture. */
  setPicture(group: SimGroup, actor: SimPhone, picture: Uint8Array | undefined): void {
    setPicture(this, group, actor, picture);
  }

  /** `w:profile:picture` set with a group `target`: admins (or anyone, unless locked) change the picture. */
  onPictureIq(conn: Connection, iq: BinaryNode): BinaryNode {
    const me = conn.companion && this.sim.phone(conn.companion.pn);
    const group = this.get(iq.attrs.target ?? "");
    if (!me || !group?.participants.has(me)) return iqError(iq, 404, "item-not-found");
    if (group.admin.locked && !group.participants.get(me)) return iqError(iq, 403, "forbidden");
    const picture = getBinaryNodeChild(iq, "picture")?.content;
    setPicture(this, group, me, picture instanceof Uint8Array ? picture : undefined, conn.companion);
    return iqResult(iq, [node("picture", { id: group.admin.pictureId })]);
  }

  toNode(g: SimGroup): BinaryNode {
    const parts = [...g.participants].map(([p, role]) => g.participantNode(p, role));
    if (g.description)
      parts.push(
        node("description", { id: g.admin.descriptionId ?? "1", t: unixTime() }, [
          node("body", {}, Buffer.from(g.description)),
        ]),
      );
    parts.push(...settingNodes(g));
    return node(
      "group",
      {
        id: g.id,
        creator: g.address(g.creator).jid,
        creator_pn: g.creator.jid,
        creation: String(g.creation),
        subject: g.subject,
        s_t: String(g.creation),
        s_o: g.address(g.creator).jid,
        size: String(g.participants.size),
        addressing_mode: g.addressing,
      },
      parts,
    );
  }

  // ---- Client iqs ----
  onIq(conn: Connection, iq: BinaryNode): BinaryNode {
    const me = conn.companion && this.sim.phone(conn.companion.pn);
    const first = children(iq)[0];
    if (!me || !first) return iqResult(iq);
    if (iq.attrs.to === "@g.us") return this.#globalIq(conn, me, iq, first);
    const group = this.get(iq.attrs.to ?? "");
    if (!group) return iqError(iq, 404, "item-not-found");
    switch (first.tag) {
      case "query":
        return iqResult(iq, [this.toNode(group)]);
      case "add":
      case "remove":
      case "promote":
      case "demote": {
        const phones = children(first).flatMap((p) => this.sim.resolvePhone(p.attrs.jid ?? "") ?? []);
        this.update(group, me, first.tag, phones, conn.companion);
        return iqResult(iq, [
          node(
            first.tag,
            {},
            phones.map((p) => node("participant", { jid: group.address(p).jid })),
          ),
        ]);
      }
      case "invite":
        if (iq.attrs.type === "set") {
          if (!group.participants.get(me)) return iqError(iq, 403, "forbidden");
          revokeInvite(this, group, me, conn.companion);
        }
        return iqResult(iq, [node("invite", { code: group.inviteCode })]);
      case "subject":
        this.setSubject(group, me, Buffer.from((first.content as Uint8Array) ?? []).toString(), conn.companion);
        return iqResult(iq);
      default:
        return adminIq(this, group, me, iq, first, conn.companion) ?? iqResult(iq);
    }
  }

  #globalIq(conn: Connection, me: SimPhone, iq: BinaryNode, first: BinaryNode): BinaryNode {
    switch (first.tag) {
      case "create": {
        const members = children(first)
          .filter((c) => c.tag === "participant")
          .flatMap((p) => this.sim.resolvePhone(p.attrs.jid ?? "") ?? []);
        const group = this.create(me, first.attrs.subject ?? "", members, { origin: conn.companion });
        return iqResult(iq, [this.toNode(group)]);
      }
      case "participating":
        return iqResult(iq, [
          node(
            "groups",
            {},
            this.all.filter((g) => g.participants.has(me)).map((g) => this.toNode(g)),
          ),
        ]);
      case "leave":
        for (const g of children(first)) {
          const group = this.get(`${g.attrs.id}`.includes("@") ? g.attrs.id! : `${g.attrs.id}@g.us`);
          if (group) this.update(group, me, "remove", [me], conn.companion);
        }
        return iqResult(iq, [node("leave", {}, children(first))]);
      case "invite": {
        const group = this.all.find((g) => g.inviteCode === first.attrs.code);
        if (!group) return iqError(iq, 404, "item-not-found");
        if (iq.attrs.type === "get") return iqResult(iq, [this.toNode(group)]);
        if (group.participants.has(me)) return iqResult(iq, [node("group", { jid: group.jid })]);
        if (group.admin.approval) {
          // Not a member yet: WhatsApp answers with the request, not the group.
          requestJoin(this, group, me, conn.companion);
          return iqResult(iq, [node("membership_approval_request", { jid: group.jid })]);
        }
        this.update(group, me, "add", [me], conn.companion);
        return iqResult(iq, [node("group", { jid: group.jid })]);
      }
      default:
        return iqResult(iq);
    }
  }

  // ---- Messages ----
  /** Phone → group: one sender-key ciphertext, plus the key itself for clients that lack it. */
  async deliver(group: SimGroup, from: SimPhone, message: proto.IMessage, id: string): Promise<void> {
    const { ciphertext, skdm } = await from.signal.encryptGroup(group.jid, from.jid, message);
    const attrs = {
      from: group.jid,
      ...this.#senderAttrs(group, from.jid, from.lidJid),
      notify: from.name,
      id,
      t: unixTime(),
      type: stanzaType(message),
    };
    await Promise.all(
      this.clientsOf(group).map(async (c) => {
        const key = `${from.pn}>${c.jid}`;
        const encs: BinaryNode[] = [];
        if (!group.senderKeysSent.has(key)) {
          encs.push(
            await encryptFor(from, c, {
              senderKeyDistributionMessage: { groupId: group.jid, axolotlSenderKeyDistributionMessage: skdm },
            }),
          );
          group.senderKeysSent.add(key);
        }
        encs.push(node("enc", { v: "2", type: "skmsg" }, ciphertext));
        c.send(node("message", attrs, encs));
      }),
    );
  }

  /** Client → group: simulated members decrypt; other clients get the stanza forwarded. */
  async onClientMessage(
    group: SimGroup,
    sender: Companion,
    stanza: BinaryNode,
    pairwise: { phone: SimPhone; message: proto.IMessage }[],
    forwards: Map<Companion, BinaryNode[]>,
  ): Promise<void> {
    const { id = "" } = stanza.attrs;
    for (const { phone, message } of pairwise) {
      const skdm = message.senderKeyDistributionMessage?.axolotlSenderKeyDistributionMessage;
      if (skdm) await phone.signal.processSenderKey(group.jid, sender.jid, skdm);
    }
    const skmsg = children(stanza).find((c) => c.tag === "enc" && c.attrs.type === "skmsg");
    if (!skmsg) return;
    for (const phone of group.members()) {
      try {
        const message = await phone.signal.decryptGroup(group.jid, sender.jid, skmsg.content as Uint8Array);
        const own = phone.pn === sender.pn;
        const received: ReceivedMessage = {
          id,
          sender: sender.jid,
          chat: group.jid,
          recipient: phone.jid,
          message,
          encType: "skmsg",
          deviceSent: own,
          timestamp: Date.now(),
          ...(stanza.attrs.edit ? { edit: stanza.attrs.edit } : {}),
        };
        void (own ? Promise.resolve() : autoReceipts(phone, sender, [id], group.jid, group.address(phone).jid)).then(
          () => {
            phone.inbox.push(received);
            phone.emit("message", received);
          },
        );
      } catch (err) {
        this.sim.reportError(err);
      }
    }
    const self = this.sim.phone(sender.pn);
    for (const c of this.clientsOf(group)) {
      if (c === sender) continue;
      c.send(
        node(
          "message",
          {
            from: group.jid,
            ...this.#senderAttrs(group, sender.jid, sender.lidJid),
            notify: self?.name,
            id,
            t: unixTime(),
            type: stanza.attrs.type,
          },
          [...(forwards.get(c) ?? []), skmsg],
        ),
      );
    }
  }

  // --- Internal helpers ---
  /** Who sent a group message, in the group's addressing mode (device JIDs for clients). */
  #senderAttrs(group: SimGroup, pn: string, lid: string): Record<string, string> {
    return group.addressing === "lid"
      ? { participant: lid, participant_pn: pn, addressing_mode: "lid" }
      : { participant: pn, participant_lid: lid, addressing_mode: "pn" };
  }

  clientsOf(group: SimGroup, extra: SimPhone[] = []): Companion[] {
    return [...group.members(), ...extra].flatMap((p) => [...p.companions.values()]).filter((c) => !c.removed);
  }

  /** `<notification type=w:gp2>` to every member client (and removed ones, so they learn). */
  notify(group: SimGroup, actor: SimPhone, change: BinaryNode, origin?: Companion, alsoTo: SimPhone[] = []): void {
    const stanza = node(
      "notification",
      {
        from: group.jid,
        type: "w:gp2",
        id: serverId("gp2"),
        t: unixTime(),
        participant: group.address(actor).jid,
        participant_pn: actor.jid,
      },
      [change],
    );
    for (const c of this.clientsOf(group, alsoTo)) if (c !== origin) c.send(stanza);
  }
}
