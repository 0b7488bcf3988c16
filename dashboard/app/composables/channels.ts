import type { Channel, PostToChannelBody } from "@multiwa/sdk";

// #21: a profile's WhatsApp channels (newsletters): the followed and owned ones, and one channel's posts.

export function useChannels(profileId: () => string) {
  const client = useClient();
  const items = ref<Channel[]>([]);
  const id = () => ({ id: profileId() });
  const at = (channelId: string) => ({ id: profileId(), channelId });
  const load = async () => void (items.value = await client.listChannels(id()));
  return {
    items,
    load,
    async create(name: string, description: string): Promise<Channel> {
      const created = await client.createChannel({
        ...id(),
        body: { name, ...(description.trim() ? { description } : {}) },
      });
      await load();
      return created;
    },
    /** Follows by JID, invite link or invite code. */
    async follow(channel: string): Promise<Channel> {
      const followed = await client.followChannel({ ...id(), body: { channel } });
      await load();
      return followed;
    },
    async unfollow(channelId: string): Promise<void> {
      await client.unfollowChannel(at(channelId));
      await load();
    },
    async mute(channelId: string, muted: boolean): Promise<void> {
      await client.muteChannel({ ...at(channelId), body: { muted } });
      await load();
    },
    posts: (channelId: string) => client.listChannelMessages(at(channelId)),
    /** Text in JSON; an image or video goes up as a file (multipart), past the JSON body limit. */
    async post(channelId: string, draft: { text: string; file?: File | null }): Promise<void> {
      const body: PostToChannelBody | FormData = draft.file
        ? _form(draft.file, draft.text)
        : { content: { type: "text", text: draft.text } };
      await client.postToChannel({ ...at(channelId), body });
    },
  };
}

// --- Internal helpers ---

function _form(file: File, caption: string): FormData {
  const form = new FormData();
  form.set("type", file.type.startsWith("video/") ? "video" : "image");
  form.set("file", file, file.name);
  if (caption.trim()) form.set("caption", caption);
  return form;
}
