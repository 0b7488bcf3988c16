import { proto, type BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { childBytes, children, iqError, iqResult, node, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";
import type { Companion } from "./companion.js";
import type { WhatsAppSimulator } from "./simulator.js";

/**
 * WhatsApp Web's GraphQL query ids for channels (the `w:mex` `query_id`) and the field each answers
 * under: what rc14 sends, plus the followed-channels list WhatsApp Web asks for.
 */
const QUERIES: Record<string, { field: string; op: ChannelOp }> = {
  "8823471724422422": { field: "xwa2_newsletter_create", op: "create" },
  "6563316087068696": { field: "xwa2_newsletter", op: "metadata" },
  "24404358912487870": { field: "xwa2_newsletter_join_v2", op: "follow" },
  "9767147403369991": { field: "xwa2_newsletter_leave_v2", op: "unfollow" },
  "29766401636284406": { field: "xwa2_newsletter_mute_v2", op: "mute" },
  "9864994326891137": { field: "xwa2_newsletter_unmute_v2", op: "unmute" },
  "7130823597031706": { field: "xwa2_newsletter_admin", op: "adminCount" },
  "6388546374527196": { field: "xwa2_newsletter_subscribed", op: "subscribed" },
};
type ChannelOp = "create" | "metadata" | "follow" | "unfollow" | "mute" | "unmute" | "adminCount" | "subscribed";

/** One post: the bytes WhatsApp relays unencrypted, and the counts it keeps. */
export interface SimChannelPost {
  serverId: number;
  id: string;
  /** Seconds since the epoch. */
  t: number;
  author: string;
  message: proto.IMessage;
  reactions: Map<string, number>;
  views: number;
}

export interface SimChannel {
  jid: string;
  name: string;
  description: string;
  invite: string;
  /** Seconds since the epoch. */
  createdAt: number;
  owner: SimPhone;
  admins: Set<SimPhone>;
  /** Follower → muted. */
  followers: Map<SimPhone, boolean>;
  posts: SimChannelPost[];
}

/**
 * Channels (WhatsApp newsletters, issue #21). Clients manage them with GraphQL over `w:mex` (create,
 * metadata by JID or invite, follow, leave, mute, admin count, the followed list) and read posts with
 * `<messages>` in the `newsletter` namespace. Posts are not end-to-end encrypted: an admin's `<plaintext>`
 * is stored and relayed as it is to every member's online devices; reactions reach them as `newsletter`
 * notifications. Phones create, post and react through this store.
 */
export class ChannelStore {
  readonly #channels = new Map<string, SimChannel>();
  #seq = 0;

  constructor(private readonly sim: WhatsAppSimulator) {}

  get(jid: string): SimChannel | undefined {
    return this.#channels.get(jid);
  }

  byInvite(code: string): SimChannel | undefined {
    return [...this.#channels.values()].find((c) => c.invite === code);
  }

  /** `owner` creates a channel (also what a client's create does). */
  create(owner: SimPhone, name: string, description = ""): SimChannel {
    const n = ++this.#seq;
    const channel: SimChannel = {
      jid: `${120_363_400_000_000_000n + BigInt(n)}@newsletter`,
      name,
      description,
      invite: `0029Va${n.toString(36).padStart(16, "0")}`,
      createdAt: Number(unixTime()),
      owner,
      admins: new Set([owner]),
      followers: new Map(),
      posts: [],
    };
    this.#channels.set(channel.jid, channel);
    return channel;
  }

  follow(phone: SimPhone, channel: SimChannel): void {
    if (!channel.followers.has(phone)) channel.followers.set(phone, false);
  }

  /** An admin's phone posts: every member's online devices get it. */
  post(
    from: SimPhone,
    channel: SimChannel,
    message: proto.IMessage,
    id = `SIMCH${Date.now().toString(36)}`,
  ): SimChannelPost {
    if (!channel.admins.has(from)) throw new Error(`[multiwa-simulator] ${from.pn} is not an admin of ${channel.jid}`);
    return this.#publish(channel, from, message, id);
  }

  /** `phone` reacts to post `serverId`: the members' online devices get a reaction notification. */
  react(phone: SimPhone, channel: SimChannel, serverId: number, code: string): void {
    const post = channel.posts.find((p) => p.serverId === serverId);
    if (!post) throw new Error(`[multiwa-simulator] no post ${serverId} in ${channel.jid}`);
    post.reactions.set(code, (post.reactions.get(code) ?? 0) + 1);
    // rc14 reads one reaction per notification: `<reaction message_id=…><reaction>code</reaction></reaction>`.
    const stanza = node(
      "notification",
      { from: channel.jid, type: "newsletter", id: `rx${Date.now()}`, t: unixTime() },
      [node("reaction", { message_id: String(serverId) }, [node("reaction", {}, Buffer.from(code))])],
    );
    for (const c of this.#memberDevices(channel, phone)) c.send(stanza);
  }

  // ---- Client requests ----

  /** `w:mex` GraphQL; undefined for query ids that are not about channels. */
  onMexIq(conn: Connection, iq: BinaryNode): BinaryNode | undefined {
    const query = children(iq).find((c) => c.tag === "query");
    const known = QUERIES[query?.attrs.query_id ?? ""];
    if (!known) return undefined;
    const me = conn.companion ? this.sim.phone(conn.companion.pn) : undefined;
    if (!me) return iqError(iq, 401, "not-authorized");
    let variables: Record<string, unknown> = {};
    try {
      variables = (JSON.parse(childBytes(iq, "query")?.toString() ?? "{}").variables ?? {}) as Record<string, unknown>;
    } catch {
      return iqError(iq, 400, "bad-request");
    }
    const answer = this.#answer(known.op, me, variables);
    const body =
      "error" in answer
        ? { errors: [{ message: answer.error, extensions: { error_code: answer.code } }] }
        : { data: { [known.field]: answer.data } };
    return iqResult(iq, [node("result", {}, Buffer.from(JSON.stringify(body)))]);
  }

  /** `newsletter` namespace: a page of posts (`<messages>`), live-update subscriptions. */
  onNewsletterIq(iq: BinaryNode): BinaryNode {
    const first = children(iq)[0];
    if (first?.tag === "live_updates") return iqResult(iq, [node("live_updates", { duration: "300" })]);
    if (first?.tag !== "messages" && first?.tag !== "message_updates") return iqResult(iq);
    const jid = first.attrs.jid ?? iq.attrs.to ?? "";
    const channel = this.#channels.get(jid);
    if (!channel) return iqError(iq, 404, "item-not-found");
    const count = Math.max(1, Math.min(100, Number(first.attrs.count ?? 20)));
    const before = first.attrs.before ? Number(first.attrs.before) : undefined;
    const after = first.attrs.after ? Number(first.attrs.after) : undefined;
    const page = channel.posts
      .filter((p) => (before === undefined || p.serverId < before) && (after === undefined || p.serverId > after))
      .slice(-count);
    const messages = node("messages", { jid, t: unixTime() }, page.map(postNode));
    return iqResult(iq, first.tag === "messages" ? [messages] : [node("message_updates", {}, [messages])]);
  }

  /** A client's `<message to=…@newsletter>`: an admin's post, or a reaction to one. */
  onClientMessage(sender: Companion, stanza: BinaryNode): void {
    const { id = "", to = "" } = stanza.attrs;
    const channel = this.#channels.get(to);
    const phone = this.sim.phone(sender.pn);
    const ack = (attrs: Record<string, string | undefined>) =>
      sender.send(node("ack", { class: "message", id, from: to, t: unixTime(), ...attrs }));
    if (!channel || !phone) return ack({ error: "404" });
    if (stanza.attrs.type === "reaction") {
      const code = children(stanza).find((c) => c.tag === "reaction")?.attrs.code;
      if (code) this.react(phone, channel, Number(stanza.attrs.server_id), code);
      return ack({});
    }
    const bytes = childBytes(stanza, "plaintext");
    if (!channel.admins.has(phone) || !bytes) return ack({ error: "403" });
    const post = this.#publish(channel, phone, proto.Message.decode(bytes), id, sender);
    ack({ server_id: String(post.serverId) });
  }

  // --- Internal helpers ---

  #publish(
    channel: SimChannel,
    from: SimPhone,
    message: proto.IMessage,
    id: string,
    origin?: Companion,
  ): SimChannelPost {
    const post: SimChannelPost = {
      serverId: (channel.posts.at(-1)?.serverId ?? 99) + 1,
      id,
      t: Number(unixTime()),
      author: from.jid,
      message,
      reactions: new Map(),
      views: 0,
    };
    channel.posts.push(post);
    const stanza = node("message", { from: channel.jid, ...postAttrs(post) }, [plaintext(post)]);
    for (const c of this.#memberDevices(channel)) if (c !== origin) c.send(stanza);
    return post;
  }

  /** Every online device of the channel's admins and followers (but `except`'s). */
  *#memberDevices(channel: SimChannel, except?: SimPhone): Iterable<Companion> {
    for (const member of new Set([...channel.admins, ...channel.followers.keys()])) {
      if (member === except) continue;
      for (const c of member.companions.values()) if (c.online && !c.removed) yield c;
    }
  }

  #answer(
    op: ChannelOp,
    me: SimPhone,
    v: Record<string, unknown>,
  ): { data: unknown } | { error: string; code: number } {
    const target = () => this.#channels.get(String(v.newsletter_id ?? ""));
    switch (op) {
      case "create": {
        const input = (v.input ?? {}) as { name?: string; description?: string | null };
        if (!input.name?.trim()) return { error: "name is required", code: 400 };
        return { data: this.#describe(this.create(me, input.name, input.description ?? ""), me) };
      }
      case "metadata": {
        const input = (v.input ?? {}) as { key?: string; type?: string };
        const channel = input.type === "INVITE" ? this.byInvite(input.key ?? "") : this.#channels.get(input.key ?? "");
        return channel ? { data: this.#describe(channel, me) } : { error: "newsletter not found", code: 404 };
      }
      case "subscribed":
        return {
          data: [...this.#channels.values()]
            .filter((c) => c.admins.has(me) || c.followers.has(me))
            .map((c) => this.#describe(c, me)),
        };
    }
    const channel = target();
    if (!channel) return { error: "newsletter not found", code: 404 };
    switch (op) {
      case "follow":
        this.follow(me, channel);
        return { data: { id: channel.jid } };
      case "unfollow":
        channel.followers.delete(me);
        return { data: { id: channel.jid } };
      case "mute":
      case "unmute":
        if (!channel.followers.has(me) && !channel.admins.has(me)) return { error: "not a follower", code: 403 };
        channel.followers.set(me, op === "mute");
        return { data: { id: channel.jid, mute: op === "mute" ? "ON" : "OFF" } };
      case "adminCount":
        return { data: { admin_count: channel.admins.size } };
    }
  }

  /** `NewsletterMetadata` as the account sees it. */
  #describe(channel: SimChannel, viewer: SimPhone): unknown {
    const role =
      channel.owner === viewer
        ? "OWNER"
        : channel.admins.has(viewer)
          ? "ADMIN"
          : channel.followers.has(viewer)
            ? "SUBSCRIBER"
            : "GUEST";
    return {
      id: channel.jid,
      state: { type: "ACTIVE" },
      thread_metadata: {
        name: { text: channel.name, id: String(channel.createdAt), update_time: String(channel.createdAt) },
        description: {
          text: channel.description,
          id: String(channel.createdAt),
          update_time: String(channel.createdAt),
        },
        invite: channel.invite,
        subscribers_count: String(channel.followers.size),
        verification: "UNVERIFIED",
        creation_time: String(channel.createdAt),
        picture: { id: "", direct_path: "" },
        preview: { id: "", direct_path: "" },
      },
      viewer_metadata: { mute: channel.followers.get(viewer) ? "ON" : "OFF", role },
    };
  }
}

function postAttrs(post: SimChannelPost): Record<string, string> {
  const m = post.message;
  const media = m.imageMessage || m.videoMessage || m.audioMessage || m.documentMessage || m.stickerMessage;
  return { id: post.id, server_id: String(post.serverId), t: String(post.t), type: media ? "media" : "text" };
}

function plaintext(post: SimChannelPost): BinaryNode {
  return node("plaintext", {}, Buffer.from(proto.Message.encode(post.message).finish()));
}

/** A post in a `<messages>` page, with the counts WhatsApp keeps for it. */
function postNode(post: SimChannelPost): BinaryNode {
  return node("message", postAttrs(post), [
    plaintext(post),
    node("views_count", { count: String(post.views) }),
    node(
      "reactions",
      {},
      [...post.reactions].map(([code, count]) => node("reaction", { code, count: String(count) })),
    ),
  ]);
}
