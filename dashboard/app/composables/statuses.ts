// #21: a profile's statuses (stories): what it posted, with who viewed each, and its contacts' statuses.
export type StatusKind = "text" | "image" | "video" | "voice";

export interface StatusItem {
  id: string;
  fromMe: boolean;
  sender: string;
  pushName?: string;
  content: { type: StatusKind | "unknown"; text?: string; backgroundColor?: string; font?: number; caption?: string };
  recipients?: string[];
  postedAt: number;
  views: { viewer: string; viewedAt: number }[];
}

export interface StatusDraft {
  type: StatusKind;
  text?: string;
  backgroundColor?: string;
  font?: number;
  caption?: string;
  file?: File | null;
  /** Phone numbers; empty posts to every contact. */
  recipients: string[];
}

/** WhatsApp's status fonts, by the number the API takes. */
export const STATUS_FONTS = [0, 1, 2, 6, 7, 8, 9, 10] as const;

export function useStatuses(profileId: () => string) {
  const items = ref<StatusItem[]>([]);
  const path = () => `/api/profiles/${encodeURIComponent(profileId())}/status`;
  const load = async () => void (items.value = await apiFetch<StatusItem[]>(path()));
  return {
    items,
    mine: computed(() => items.value.filter((s) => s.fromMe)),
    theirs: computed(() => items.value.filter((s) => !s.fromMe)),
    load,
    async post(draft: StatusDraft): Promise<StatusItem> {
      const content =
        draft.type === "text"
          ? {
              type: "text",
              text: draft.text,
              ...(draft.backgroundColor ? { backgroundColor: draft.backgroundColor.toUpperCase() } : {}),
              ...(draft.font !== undefined ? { font: draft.font } : {}),
            }
          : {
              type: draft.type,
              media: { base64: await _base64(draft.file!) },
              ...(draft.file!.type ? { mimetype: draft.file!.type } : {}),
              ...(draft.caption && draft.type !== "voice" ? { caption: draft.caption } : {}),
              ...(draft.type === "voice" && draft.backgroundColor ? { backgroundColor: draft.backgroundColor } : {}),
            };
      const posted = await apiFetch<StatusItem>(path(), {
        method: "POST",
        body: { content, ...(draft.recipients.length ? { recipients: draft.recipients } : {}) },
      });
      await load();
      return posted;
    },
    async remove(id: string): Promise<void> {
      await apiFetch(`${path()}/${encodeURIComponent(id)}`, { method: "DELETE" });
      await load();
    },
  };
}

// --- Internal helpers ---

async function _base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
