import type { ChannelInfo, ChannelLookup, ChannelMessage, EngineChannelContent } from "../engine/channel-types.js";
import { MultiWAError } from "../errors.js";
import { newMessageId } from "../outbox/outbox.js";
import { parseInput } from "../schemas/parse.js";
import { resolveMedia, type MediaFetcher } from "../session/media.js";
import type { SessionHost } from "../session/host.js";
import {
  ChannelCreateSchema,
  ChannelFollowSchema,
  ChannelMessagesQuerySchema,
  ChannelMuteSchema,
  ChannelPostSchema,
  ChannelRefSchema,
  type ChannelAdmins,
  type ChannelContent,
  type ChannelCreate,
  type ChannelFollow,
  type ChannelMessagesQuery,
  type ChannelMute,
  type ChannelPost,
  type ChannelPostResult,
} from "./schema.js";

/**
 * Channels (WhatsApp newsletters, issue #21): create, look up by link, follow, mute, post to the ones
 * the account administers and read their posts with reaction counts. Nothing is kept here: WhatsApp
 * holds a channel's posts, so every read asks it (posts are not chat messages and fire `channel.*`).
 */
export class Channels {
  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    private readonly fetchMedia: MediaFetcher,
  ) {}

  async create(profileId: string, input: ChannelCreate): Promise<ChannelInfo> {
    const { name, description } = parseInput(ChannelCreateSchema, input, "channel");
    return this.host.invoke(profileId, "channelCreate", { name, ...(description ? { description } : {}) });
  }

  /** The channels the profile follows or administers. */
  list(profileId: string): Promise<ChannelInfo[]> {
    return this.host.invoke(profileId, "channelList");
  }

  /** A channel by JID, invite link or invite code (`channel` names the field in errors). */
  async info(profileId: string, channel: string): Promise<ChannelInfo> {
    return this.host.invoke(profileId, "channelInfo", lookupOf(channel, "channel"));
  }

  /** Follows a channel named by JID or invite link; answers with the channel as the account now sees it. */
  async follow(profileId: string, input: ChannelFollow): Promise<ChannelInfo> {
    const { channel } = parseInput(ChannelFollowSchema, input, "follow");
    const lookup = lookupOf(channel, "channel");
    const jid = "jid" in lookup ? lookup.jid : (await this.host.invoke(profileId, "channelInfo", lookup)).id;
    await this.host.invoke(profileId, "channelFollow", jid);
    return this.host.invoke(profileId, "channelInfo", { jid });
  }

  async unfollow(profileId: string, channelId: string): Promise<void> {
    await this.host.invoke(profileId, "channelUnfollow", channelJid(channelId));
  }

  async mute(profileId: string, channelId: string, input: ChannelMute): Promise<void> {
    const { muted } = parseInput(ChannelMuteSchema, input, "mute");
    await this.host.invoke(profileId, "channelMute", channelJid(channelId), muted);
  }

  /** Posts to a channel the profile owns or administers. */
  async send(profileId: string, channelId: string, input: ChannelPost): Promise<ChannelPostResult> {
    const jid = channelJid(channelId);
    const { content } = parseInput(ChannelPostSchema, input, "post");
    const engineContent = await this.toEngine(content);
    const sent = await this.host.invoke(profileId, "channelSend", jid, engineContent, { id: newMessageId() });
    return { channelId: jid, ...sent };
  }

  /** The channel's newest posts (oldest first), or those before `before`, with reaction counts. */
  async messages(profileId: string, channelId: string, query: ChannelMessagesQuery = {}): Promise<ChannelMessage[]> {
    const jid = channelJid(channelId);
    const q = parseInput(ChannelMessagesQuerySchema, query, "query");
    return this.host.invoke(profileId, "channelMessages", jid, {
      count: q.limit,
      ...(q.before ? { before: q.before } : {}),
    });
  }

  /** The channel's admin count and the profile's own role (WhatsApp names no other admin to a companion). */
  async admins(profileId: string, channelId: string): Promise<ChannelAdmins> {
    const jid = channelJid(channelId);
    const [count, info] = await Promise.all([
      this.host.invoke(profileId, "channelAdminCount", jid),
      this.host.invoke(profileId, "channelInfo", { jid }),
    ]);
    return { channelId: jid, count, ...(info.role ? { role: info.role } : {}) };
  }

  // --- Internal helpers ---

  private async toEngine(content: ChannelContent): Promise<EngineChannelContent> {
    if (content.type === "text") return content;
    const { media, mimetype, ...rest } = content;
    return { ...rest, media: await resolveMedia(media, mimetype, this.fetchMedia) } as EngineChannelContent;
  }
}

/** A JID, link or code → what the engine looks up. */
export function lookupOf(input: string, field: string): ChannelLookup {
  const ref = parseInput(ChannelRefSchema, input, field);
  if (ref.endsWith("@newsletter")) return { jid: ref };
  const code = ref.replace(/\/$/, "").split("/").pop()!;
  return { invite: code };
}

function channelJid(input: string, field = "channelId"): string {
  const jid = input.trim();
  if (!/^\d+@newsletter$/.test(jid))
    throw new MultiWAError("VALIDATION_FAILED", `\`${field}\` must be a channel JID (…@newsletter)`, {
      details: { field, value: input },
    });
  return jid;
}
