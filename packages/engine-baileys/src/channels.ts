import {
  MultiWAError,
  type ChannelInfo,
  type ChannelLookup,
  type ChannelMessage,
  type ChannelRole,
  type EngineChannelContent,
  type EngineSessionContext,
} from "@multiwa/core";
import type { BaileysEventMap, BinaryNode, WAMessage as BaileysMessage, WASocket } from "@whiskeysockets/baileys";
import type { Baileys } from "./load.js";
import { toInboundContent } from "./inbound.js";
import { toBaileysContent } from "./outbound.js";
import { toMillis } from "./wa-message.js";

// Channels (WhatsApp newsletters, issue #21). Most calls are rc14's `newsletter*` methods, GraphQL
// queries over `w:mex`. Two are not in rc14 and are asked here the way WhatsApp Web asks them: the list
// of followed channels (a `w:mex` query with no variables answering `xwa2_newsletter_subscribed`), and a
// page of posts (`<messages>` in the `newsletter` namespace, which pages back with `before`).

/** WhatsApp Web's GraphQL query id for the channels the account follows or administers. */
const SUBSCRIBED_QUERY_ID = "6388546374527196";

/** A channel as WhatsApp's GraphQL describes it (`NewsletterMetadata`): only the fields used here. */
interface RawChannel {
  id?: string;
  thread_metadata?: {
    name?: { text?: string };
    description?: { text?: string };
    invite?: string;
    subscribers_count?: string | number;
    verification?: string;
    creation_time?: string | number;
  };
  viewer_metadata?: { mute?: string; role?: string } | null;
}

export async function channelCreate(
  sock: WASocket,
  input: { name: string; description?: string },
): Promise<ChannelInfo> {
  const created = await sock.newsletterCreate(input.name, input.description);
  // rc14 flattens the creation answer; the account owns what it just created.
  return {
    id: created.id,
    name: created.name,
    ...(created.description ? { description: created.description } : {}),
    ...(created.invite ? { invite: created.invite } : {}),
    ...(created.subscribers != null && !Number.isNaN(created.subscribers) ? { subscribers: created.subscribers } : {}),
    verified: created.verification === "VERIFIED",
    role: "owner",
    muted: created.mute_state === "ON",
    ...(created.creation_time ? { createdAt: created.creation_time * 1000 } : {}),
  };
}

export async function channelInfo(sock: WASocket, lookup: ChannelLookup): Promise<ChannelInfo> {
  const raw = (await sock
    .newsletterMetadata("jid" in lookup ? "jid" : "invite", "jid" in lookup ? lookup.jid : lookup.invite)
    .catch((error: unknown) => {
      throw notFound(lookup, error);
    })) as RawChannel | null;
  if (!raw?.id) throw notFound(lookup);
  return toChannelInfo(raw);
}

export async function channelList(sock: WASocket): Promise<ChannelInfo[]> {
  const answer = await sock.query({
    tag: "iq",
    attrs: { id: sock.generateMessageTag(), type: "get", to: "s.whatsapp.net", xmlns: "w:mex" },
    content: [
      {
        tag: "query",
        attrs: { query_id: SUBSCRIBED_QUERY_ID },
        content: Buffer.from(JSON.stringify({ variables: {} })),
      },
    ],
  });
  const result = childOf(answer, "result");
  const body = result?.content ? JSON.parse(Buffer.from(result.content as Uint8Array).toString()) : undefined;
  if (body?.errors?.length)
    throw new MultiWAError("SEND_FAILED", `WhatsApp refused the channel list: ${body.errors[0]?.message ?? "?"}`, {
      scope: "baileys",
    });
  const list: RawChannel[] = body?.data?.xwa2_newsletter_subscribed ?? [];
  return list.filter((c) => c?.id).map(toChannelInfo);
}

export async function channelMute(sock: WASocket, channelId: string, muted: boolean): Promise<void> {
  await (muted ? sock.newsletterMute(channelId) : sock.newsletterUnmute(channelId));
}

export async function channelSend(
  sock: WASocket,
  channelId: string,
  content: EngineChannelContent,
  id: string,
): Promise<{ id: string; timestamp: number }> {
  // rc14 sends a channel post unencrypted (`<plaintext>`) and uploads its media unencrypted.
  const sent = await sock.sendMessage(channelId, toBaileysContent(content, notQuoted), { messageId: id });
  return { id: sent?.key.id ?? id, timestamp: toMillis(sent?.messageTimestamp) };
}

/** A page of posts, oldest first: the newest `count`, or the `count` before post `before`. */
export async function channelMessages(
  baileys: Baileys,
  sock: WASocket,
  channelId: string,
  options: { count: number; before?: string },
): Promise<ChannelMessage[]> {
  const answer = await sock.query({
    tag: "iq",
    attrs: { id: sock.generateMessageTag(), type: "get", to: "s.whatsapp.net", xmlns: "newsletter" },
    content: [
      {
        tag: "messages",
        attrs: {
          type: "jid",
          jid: channelId,
          count: String(options.count),
          ...(options.before ? { before: options.before } : {}),
        },
      },
    ],
  });
  const posts = childrenOf(childOf(answer, "messages")).filter((n) => n.tag === "message");
  return posts
    .map((post) => toChannelMessage(baileys, channelId, post))
    .sort((a, b) => Number(a.serverId) - Number(b.serverId));
}

/** Maps rc14's newsletter events (and posts, which arrive as messages) to `channel.*`. */
export function mapChannelEvents(events: Partial<BaileysEventMap>, ctx: EngineSessionContext): void {
  // rc14 emits these one at a time, not buffered: one object each, never a list.
  const r = events["newsletter.reaction"];
  if (r?.reaction.code && !r.reaction.removed)
    ctx.emit("channel.reaction", {
      channelId: r.id,
      serverId: r.server_id,
      emoji: r.reaction.code,
      count: r.reaction.count ?? 1,
    });
  const u = events["newsletter-settings.update"];
  if (u) {
    const update = (u.update ?? {}) as { name?: unknown; description?: unknown };
    ctx.emit("channel.update", {
      channelId: u.id,
      ...(typeof update.name === "string" ? { name: update.name } : {}),
      ...(typeof update.description === "string" ? { description: update.description } : {}),
    });
  }
  const p = events["newsletter-participants.update"];
  if (p && (p.action === "promote" || p.action === "demote"))
    ctx.emit("channel.admin", { channelId: p.id, user: p.user, action: p.action });
}

/** A post in a followed channel, as `channel.message` (never a chat message). */
export function emitChannelPost(info: BaileysMessage, ctx: EngineSessionContext): void {
  const content = toInboundContent(info.message);
  const serverId = (info.key as { server_id?: string }).server_id;
  if (!content || !info.key.remoteJid || !serverId) return;
  ctx.emit("channel.message", {
    channelId: info.key.remoteJid,
    serverId,
    ...(info.key.id ? { id: info.key.id } : {}),
    timestamp: toMillis(info.messageTimestamp),
    content,
    reactions: [],
  });
}

// --- Internal helpers ---

function toChannelInfo(raw: RawChannel): ChannelInfo {
  const t = raw.thread_metadata ?? {};
  const role = raw.viewer_metadata?.role?.toLowerCase();
  const subscribers = Number(t.subscribers_count);
  const created = Number(t.creation_time);
  return {
    id: raw.id!,
    name: t.name?.text ?? "",
    ...(t.description?.text ? { description: t.description.text } : {}),
    ...(t.invite ? { invite: t.invite } : {}),
    ...(Number.isFinite(subscribers) ? { subscribers } : {}),
    verified: t.verification === "VERIFIED",
    ...(isRole(role) ? { role } : {}),
    ...(raw.viewer_metadata?.mute ? { muted: raw.viewer_metadata.mute === "ON" } : {}),
    ...(Number.isFinite(created) && created > 0 ? { createdAt: created * 1000 } : {}),
  };
}

function toChannelMessage(baileys: Baileys, channelId: string, post: BinaryNode): ChannelMessage {
  const plaintext = childOf(post, "plaintext")?.content;
  const message = plaintext instanceof Uint8Array ? baileys.proto.Message.decode(plaintext) : undefined;
  const views = Number(childOf(post, "views_count")?.attrs.count);
  return {
    channelId,
    serverId: post.attrs.server_id ?? "",
    ...(post.attrs.id ? { id: post.attrs.id } : {}),
    timestamp: toMillis(Number(post.attrs.t)),
    content: toInboundContent(message) ?? { type: "unknown" },
    reactions: childrenOf(childOf(post, "reactions")).map((r) => ({
      emoji: r.attrs.code ?? "",
      count: Number(r.attrs.count ?? 0),
    })),
    ...(Number.isFinite(views) ? { views } : {}),
  };
}

function isRole(role: string | undefined): role is ChannelRole {
  return role === "owner" || role === "admin" || role === "subscriber" || role === "guest";
}

function notFound(lookup: ChannelLookup, cause?: unknown): MultiWAError {
  const what = "jid" in lookup ? lookup.jid : `with invite ${lookup.invite}`;
  return new MultiWAError("NOT_FOUND", `No channel ${what}`, {
    scope: "baileys",
    details: { field: "channel" },
    cause,
  });
}

function notQuoted(): never {
  throw new MultiWAError("VALIDATION_FAILED", "A channel post quotes nothing", { scope: "baileys" });
}

function childOf(parent: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return childrenOf(parent).find((c) => c.tag === tag);
}

function childrenOf(parent: BinaryNode | undefined): BinaryNode[] {
  return Array.isArray(parent?.content) ? parent.content : [];
}
