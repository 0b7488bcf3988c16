import {
  ChannelCreateSchema,
  ChannelFollowSchema,
  ChannelMessagesQuerySchema,
  ChannelMuteSchema,
  ChannelPostSchema,
  ChannelRefSchema,
} from "@multiwa/core";
import { z } from "zod";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// Channels (WhatsApp newsletters, issue #21): create, list, look up by link, follow, mute, post, read posts.
const tag = "Channels";

const ChannelParams = ProfileParams.extend({
  channelId: z.string().regex(/^\d+@newsletter$/, "must be a channel JID (…@newsletter)"),
});

const ChannelRole = z.enum(["owner", "admin", "subscriber", "guest"]);

const ChannelView = z
  .object({
    id: z.string().describe("`…@newsletter`"),
    name: z.string(),
    description: z.string().optional(),
    invite: z.string().optional().describe("Invite code: the link is https://whatsapp.com/channel/<invite>"),
    subscribers: z.number().int().optional(),
    verified: z.boolean().optional(),
    role: ChannelRole.optional().describe("The account's relation to the channel"),
    muted: z.boolean().optional(),
    createdAt: z.number().optional(),
  })
  .meta({ id: "Channel" });

const ChannelMessageView = z
  .object({
    channelId: z.string(),
    serverId: z.string().describe("The channel's number for the post; page back with `before`"),
    id: z.string().optional(),
    timestamp: z.number(),
    content: z.object({ type: z.string() }).loose(),
    reactions: z.array(z.object({ emoji: z.string(), count: z.number().int() })),
    views: z.number().int().optional(),
  })
  .meta({ id: "ChannelPost" });

export const listChannels = defineOperation({
  id: "listChannels",
  method: "get",
  path: "/api/profiles/{id}/channels",
  tag,
  summary: "Channels the account follows or administers",
  description: "Asked of WhatsApp each time. Needs the `channels.read` capability.",
  permission: "messages.read",
  params: ProfileParams,
  response: z.array(ChannelView),
});
export const createChannel = defineOperation({
  id: "createChannel",
  method: "post",
  path: "/api/profiles/{id}/channels",
  tag,
  summary: "Create a channel the account owns",
  description: "Needs the `channels.manage` capability.",
  permission: "messages.send",
  params: ProfileParams,
  body: ChannelCreateSchema,
  response: ChannelView,
  status: 201,
});
export const lookupChannel = defineOperation({
  id: "lookupChannel",
  method: "get",
  path: "/api/profiles/{id}/channels/lookup",
  tag,
  summary: "A channel by its JID, invite link or invite code",
  permission: "messages.read",
  params: ProfileParams,
  // Optional here so that an unauthorized caller gets 403 before the missing value's 422 (the core checks it).
  query: z.object({ channel: ChannelRefSchema.optional() }),
  response: ChannelView,
});
export const followChannel = defineOperation({
  id: "followChannel",
  method: "post",
  path: "/api/profiles/{id}/channels/follow",
  tag,
  summary: "Follow a channel named by its JID, invite link or code",
  description: "Answers with the channel as the account now sees it. Needs the `channels.follow` capability.",
  permission: "messages.send",
  params: ProfileParams,
  body: ChannelFollowSchema,
  response: ChannelView,
});
export const unfollowChannel = defineOperation({
  id: "unfollowChannel",
  method: "delete",
  path: "/api/profiles/{id}/channels/{channelId}/follow",
  tag,
  summary: "Stop following a channel",
  permission: "messages.send",
  params: ChannelParams,
  status: 204,
});
export const muteChannel = defineOperation({
  id: "muteChannel",
  method: "put",
  path: "/api/profiles/{id}/channels/{channelId}/mute",
  tag,
  summary: "Mute or unmute a followed channel",
  permission: "messages.send",
  params: ChannelParams,
  body: ChannelMuteSchema,
  status: 204,
});
export const postToChannel = defineOperation({
  id: "postToChannel",
  method: "post",
  path: "/api/profiles/{id}/channels/{channelId}/messages",
  tag,
  summary: "Post text, an image, a video or a voice note to a channel the account administers",
  description:
    "Goes out at once (channel posts are not paced or queued like chat messages). Media as `{url}` or `{base64}`, or upload with multipart/form-data (fields `type`, `caption`, and a `file`). Needs the `channels.manage` capability.",
  permission: "messages.send",
  params: ChannelParams,
  body: ChannelPostSchema,
  bodyTypes: ["multipart/form-data"],
  response: z.object({ channelId: z.string(), id: z.string(), timestamp: z.number() }),
  status: 201,
});
export const listChannelMessages = defineOperation({
  id: "listChannelMessages",
  method: "get",
  path: "/api/profiles/{id}/channels/{channelId}/messages",
  tag,
  summary: "A channel's posts with their reaction and view counts, oldest first",
  description: "The newest `limit` posts, or those before the post `before` (its `serverId`).",
  permission: "messages.read",
  params: ChannelParams,
  query: ChannelMessagesQuerySchema,
  response: z.array(ChannelMessageView),
});
export const channelAdmins = defineOperation({
  id: "channelAdmins",
  method: "get",
  path: "/api/profiles/{id}/channels/{channelId}/admins",
  tag,
  summary: "How many admins a channel has, and the account's own role",
  description: "WhatsApp tells a linked device the count, not who the admins are.",
  permission: "messages.read",
  params: ChannelParams,
  response: z.object({ channelId: z.string(), count: z.number().int(), role: ChannelRole.optional() }),
});
