import type { PostStatusBody, StatusPost } from "@multiwa/sdk";

// #21: a profile's statuses (stories): what it posted, with who viewed each, and its contacts' statuses.
export type StatusKind = "text" | "image" | "video" | "voice";

export interface StatusDraft {
  type: StatusKind;
  text?: string;
  backgroundColor?: string;
  font?: (typeof STATUS_FONTS)[number];
  caption?: string;
  file?: File | null;
  /** Phone numbers; empty posts to every contact. */
  recipients: string[];
}

/** WhatsApp's status fonts, by the number the API takes. */
export const STATUS_FONTS = [0, 1, 2, 6, 7, 8, 9, 10] as const;

export function useStatuses(profileId: () => string) {
  const client = useClient();
  const items = ref<StatusPost[]>([]);
  const load = async () => void (items.value = await client.listStatuses({ id: profileId() }));
  return {
    items,
    mine: computed(() => items.value.filter((s) => s.fromMe)),
    theirs: computed(() => items.value.filter((s) => !s.fromMe)),
    load,
    async post(draft: StatusDraft): Promise<StatusPost> {
      const recipients = draft.recipients.length ? { recipients: draft.recipients } : {};
      // Media goes up as a file (multipart): base64 in JSON would hit the JSON body limit.
      const body: PostStatusBody | FormData =
        draft.type === "text"
          ? {
              content: {
                type: "text",
                text: draft.text ?? "",
                ...(draft.backgroundColor ? { backgroundColor: draft.backgroundColor.toUpperCase() } : {}),
                ...(draft.font !== undefined ? { font: draft.font } : {}),
              },
              ...recipients,
            }
          : _form(draft);
      const posted = await client.postStatus({ id: profileId(), body });
      await load();
      return posted;
    },
    async remove(id: string): Promise<void> {
      await client.deleteStatus({ id: profileId(), statusId: id });
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
