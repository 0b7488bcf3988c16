// #21: a profile's WhatsApp channels (newsletters): the followed and owned ones, and one channel's posts.
export interface ChannelItem {
  id: string;
  name: string;
  description?: string;
  invite?: string;
  subscribers?: number;
  role?: "owner" | "admin" | "subscriber" | "guest";
  muted?: boolean;
}

export interface ChannelPost {
  serverId: string;
  timestamp: number;
  content: { type: string; text?: string; caption?: string };
  reactions: { emoji: string; count: number }[];
  views?: number;
}

export function useChannels(profileId: () => string) {
  const items = ref<ChannelItem[]>([]);
  const path = () => `/api/profiles/${encodeURIComponent(profileId())}/channels`;
  const load = async () => void (items.value = await apiFetch<ChannelItem[]>(path()));
  return {
    items,
    load,
    async create(name: string, description: string): Promise<ChannelItem> {
      const created = await apiFetch<ChannelItem>(path(), {
        method: "POST",
        body: { name, ...(description.trim() ? { description } : {}) },
      });
      await load();
      return created;
    },
    /** Follows by JID, invite link or invite code. */
    async follow(channel: string): Promise<ChannelItem> {
      const followed = await apiFetch<ChannelItem>(`${path()}/follow`, { method: "POST", body: { channel } });
      await load();
      return followed;
    },
    async unfollow(id: string): Promise<void> {
      await apiFetch(`${path()}/${encodeURIComponent(id)}/follow`, { method: "DELETE" });
      await load();
    },
    async mute(id: string, muted: boolean): Promise<void> {
      await apiFetch(`${path()}/${encodeURIComponent(id)}/mute`, { method: "PUT", body: { muted } });
      await load();
    },
    posts: (id: string) => apiFetch<ChannelPost[]>(`${path()}/${encodeURIComponent(id)}/messages`),
    /** Text in JSON; an image or video goes up as a file (multipart), past the JSON body limit. */
    async post(id: string, draft: { text: string; file?: File | null }): Promise<void> {
      const body = draft.file ? _form(draft.file, draft.text) : { content: { type: "text", text: draft.text } };
      await apiFetch(`${path()}/${encodeURIComponent(id)}/messages`, { method: "POST", body });
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
