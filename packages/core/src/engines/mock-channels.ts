import type { ChannelInfo, ChannelLookup, ChannelMessage, ChannelRole } from "../engine/channel-types.js";
import type { InboundContent } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { MockEndpoint } from "./mock-network.js";

/** A channel on the mock network: its owner, admins, followers (with their mute) and posts. */
export interface MockChannel {
  id: string;
  name: string;
  description?: string;
  invite: string;
  owner: string;
  admins: Set<string>;
  /** Follower phone → muted. */
  followers: Map<string, boolean>;
  posts: MockChannelPost[];
  createdAt: number;
}

interface MockChannelPost {
  serverId: string;
  id: string;
  timestamp: number;
  content: InboundContent;
  reactions: Map<string, number>;
}

/**
 * Channels (newsletters, issue #21) on the mock network: an owner's or admin's post reaches the linked
 * sessions of every follower and admin as `channel.message`, a reaction as `channel.reaction`.
 */
export class MockChannels {
  private readonly channels = new Map<string, MockChannel>();
  private seq = 0;

  constructor(private readonly endpointsOf: (phone: string) => Iterable<MockEndpoint>) {}

  create(ownerPhone: string, name: string, description?: string): MockChannel {
    const n = ++this.seq;
    const channel: MockChannel = {
      id: `${120363_000_000_000_000 + n}@newsletter`,
      name,
      ...(description ? { description } : {}),
      invite: `MockInvite${n.toString().padStart(12, "0")}`,
      owner: ownerPhone,
      admins: new Set([ownerPhone]),
      followers: new Map(),
      posts: [],
      createdAt: Date.now(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  find(lookup: ChannelLookup): MockChannel {
    const channel =
      "jid" in lookup
        ? this.channels.get(lookup.jid)
        : [...this.channels.values()].find((c) => c.invite === lookup.invite);
    if (!channel)
      throw new MultiWAError("NOT_FOUND", `No channel ${"jid" in lookup ? lookup.jid : lookup.invite}`, {
        scope: "mock",
        details: { field: "channel" },
      });
    return channel;
  }

  info(channel: MockChannel, viewer: string): ChannelInfo {
    const role = roleOf(channel, viewer);
    return {
      id: channel.id,
      name: channel.name,
      ...(channel.description ? { description: channel.description } : {}),
      invite: channel.invite,
      subscribers: channel.followers.size,
      verified: false,
      ...(role !== "guest" ? { role, muted: channel.followers.get(viewer) ?? false } : { role }),
      createdAt: channel.createdAt,
    };
  }

  /** The channels `phone` follows or administers. */
  of(phone: string): ChannelInfo[] {
    return [...this.channels.values()].filter((c) => roleOf(c, phone) !== "guest").map((c) => this.info(c, phone));
  }

  follow(phone: string, id: string): void {
    const channel = this.find({ jid: id });
    if (!channel.followers.has(phone)) channel.followers.set(phone, false);
  }

  unfollow(phone: string, id: string): void {
    this.find({ jid: id }).followers.delete(phone);
  }

  mute(phone: string, id: string, muted: boolean): void {
    const channel = this.find({ jid: id });
    if (!channel.followers.has(phone) && !channel.admins.has(phone))
      throw new MultiWAError("VALIDATION_FAILED", `${phone} does not follow ${id}`, { scope: "mock" });
    channel.followers.set(phone, muted);
  }

  /** An admin posts: every follower's and admin's sessions (but the poster's) hear of it. */
  post(phone: string, id: string, content: InboundContent, messageId?: string): MockChannelPost {
    const channel = this.find({ jid: id });
    if (!channel.admins.has(phone))
      throw new MultiWAError("VALIDATION_FAILED", `${phone} is not an admin of ${id}`, {
        scope: "mock",
        details: { field: "channelId" },
      });
    const post: MockChannelPost = {
      serverId: String(channel.posts.length + 100),
      id: messageId ?? `MOCKCHANNEL${++this.seq}`,
      timestamp: Date.now(),
      content,
      reactions: new Map(),
    };
    channel.posts.push(post);
    this.broadcast(channel, phone, (e) => e.event("channel.message", toMessage(channel.id, post)));
    return post;
  }

  /** `phone` reacts to a post (anonymous in channels): the members' sessions get the new count. */
  react(phone: string, id: string, serverId: string, emoji: string): void {
    const channel = this.find({ jid: id });
    const post = channel.posts.find((p) => p.serverId === serverId);
    if (!post) throw new MultiWAError("NOT_FOUND", `No post ${serverId} in ${id}`, { scope: "mock" });
    const count = (post.reactions.get(emoji) ?? 0) + 1;
    post.reactions.set(emoji, count);
    this.broadcast(channel, phone, (e) => e.event("channel.reaction", { channelId: id, serverId, emoji, count }));
  }

  messages(id: string, options: { count: number; before?: string }): ChannelMessage[] {
    const channel = this.find({ jid: id });
    const older = options.before
      ? channel.posts.filter((p) => Number(p.serverId) < Number(options.before))
      : channel.posts;
    return older.slice(-options.count).map((p) => toMessage(id, p));
  }

  // --- Internal helpers ---

  private broadcast(channel: MockChannel, except: string, send: (endpoint: MockEndpoint) => void): void {
    for (const member of new Set([...channel.admins, ...channel.followers.keys()]))
      if (member !== except) for (const endpoint of this.endpointsOf(member)) send(endpoint);
  }
}

function roleOf(channel: MockChannel, phone: string): ChannelRole {
  if (channel.owner === phone) return "owner";
  if (channel.admins.has(phone)) return "admin";
  return channel.followers.has(phone) ? "subscriber" : "guest";
}

function toMessage(channelId: string, post: MockChannelPost): ChannelMessage {
  return {
    channelId,
    serverId: post.serverId,
    id: post.id,
    timestamp: post.timestamp,
    content: post.content,
    reactions: [...post.reactions].map(([emoji, count]) => ({ emoji, count })),
  };
}
