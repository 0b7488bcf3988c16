import type { ContactStore } from "../contacts/store.js";

/** What the tag mapping changes: the contacts of the profile's workspace. */
export interface LabelTagPorts {
  workspaceOf(profileId: string): Promise<string | undefined>;
  contacts: Pick<ContactStore, "find" | "upsert" | "bulkTag">;
}

/**
 * The contact tag a label maps to (issue #21, `syncTags`): tags take no spaces, so "New customer" is
 * `New-customer`; characters a tag cannot hold are dropped, and a name with none left maps to `label-<id>`.
 */
export function tagOfLabel(label: { id: string; name: string }): string {
  const tag = label.name
    .trim()
    .replace(/\s+/g, "-")
    .replace(/[^\p{L}\p{N}_.:-]/gu, "")
    .slice(0, 64);
  return tag || `label-${label.id}`;
}

/** Only people have contacts: group chats carry labels but tag no one. */
const isUserChat = (chatId: string): boolean => /@(s\.whatsapp\.net|lid)$/.test(chatId);

/** Keeps contact tags in step with labels; every call is idempotent (an engine's echo repeats ours). */
export class LabelTags {
  constructor(private readonly ports: LabelTagPorts) {}

  /** A label went on a chat: its contact (created if new) gets the tag. */
  async tagChat(profileId: string, chatId: string, tag: string): Promise<void> {
    const workspace = isUserChat(chatId) && (await this.ports.workspaceOf(profileId));
    if (!workspace) return;
    const contact = await this.ports.contacts.find(workspace, chatId);
    if (contact) await this.ports.contacts.bulkTag(workspace, { ids: [contact.id], add: [tag] });
    else await this.ports.contacts.upsert(workspace, { phone: chatId, tags: [tag] });
  }

  async untagChats(profileId: string, chatIds: string[], tag: string): Promise<void> {
    const ids = chatIds.filter(isUserChat);
    const workspace = ids.length > 0 && (await this.ports.workspaceOf(profileId));
    if (workspace) await this.ports.contacts.bulkTag(workspace, { ids, remove: [tag] });
  }

  /** A renamed label renames its tag on the contacts of the chats it is on. */
  async retag(profileId: string, chatIds: string[], from: string, to: string): Promise<void> {
    const ids = chatIds.filter(isUserChat);
    const workspace = ids.length > 0 && from !== to && (await this.ports.workspaceOf(profileId));
    if (workspace) await this.ports.contacts.bulkTag(workspace, { ids, add: [to], remove: [from] });
  }
}
