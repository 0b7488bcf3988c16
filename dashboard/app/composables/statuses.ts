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
      const recipients = draft.recipients.length ? { recipients: draft.recipients } : {};
      // Media goes up as a file (multipart): base64 in JSON would hit the JSON body limit.
      const body =
        draft.type === "text"
          ? {
              content: {
                type: "text",
                text: draft.text,
                ...(draft.backgroundColor ? { backgroundColor: draft.backgroundColor.toUpperCase() } : {}),
                ...(draft.font !== undefined ? { font: draft.font } : {}),
              },
              ...recipients,
            }
          : _form(draft);
      const posted = await apiFetch<StatusItem>(path(), { method: "POST", body });
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

function _form(draft: StatusDraft): FormData {
  const form = new FormData();
  form.set("type", draft.type);
  form.set("file", draft.file!, draft.file!.name);
  if (draft.caption && draft.type !== "voice") form.set("caption", draft.caption);
  if (draft.type === "voice" && draft.backgroundColor) form.set("backgroundColor", draft.backgroundColor.toUpperCase());
  if (draft.recipients.length) form.set("recipients", draft.recipients.join(","));
  return form;
}
