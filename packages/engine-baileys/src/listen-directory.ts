import { normalizeUserJid, type ContactUpdateEvent, type EngineSessionContext } from "@multiwa/core";
import type { BaileysEventMap } from "@whiskeysockets/baileys";
import type { PhoneLookup } from "./ids.js";

/** Push names seen per user, to report changes only (Baileys repeats the name on every message). */
const MAX_NAMES = 5_000;

/** Maps Baileys' contact, blocklist and LID mapping events to `contact.update` and `id.mapping`. */
export class DirectoryListener {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly ctx: EngineSessionContext,
    private readonly lookup: PhoneLookup,
  ) {}

  async map(events: Partial<BaileysEventMap>): Promise<void> {
    for (const { lid, pn } of mappings(events["lid-mapping.update"]))
      this.ctx.emit("id.mapping", { kind: "lid", id: normalizeUserJid(lid), phone: normalizeUserJid(pn) });
    for (const update of events["contacts.update"] ?? []) {
      if (!update.id) continue;
      const jid = normalizeUserJid(update.id);
      const event: Omit<ContactUpdateEvent, "jid"> = {};
      if (update.notify && this.nameChanged(jid, update.notify)) event.pushName = update.notify;
      if (update.imgUrl === "changed" || update.imgUrl === "removed") event.picture = update.imgUrl;
      if (Object.keys(event).length) await this.emit(jid, event);
    }
    const blocks = events["blocklist.update"];
    for (const jid of blocks?.blocklist ?? [])
      await this.emit(normalizeUserJid(jid), { blocked: blocks!.type === "add" });
  }

  // --- Internal helpers ---

  private nameChanged(jid: string, name: string): boolean {
    const before = this.names.get(jid);
    this.names.delete(jid);
    this.names.set(jid, name);
    if (this.names.size > MAX_NAMES) this.names.delete(this.names.keys().next().value!);
    return before !== undefined && before !== name;
  }

  private async emit(jid: string, event: Omit<ContactUpdateEvent, "jid">): Promise<void> {
    const phone = jid.endsWith("@lid") ? await this.lookup(jid).catch(() => undefined) : undefined;
    this.ctx.emit("contact.update", { jid, ...(phone ? { phone: normalizeUserJid(phone) } : {}), ...event });
  }
}

function mappings(update: BaileysEventMap["lid-mapping.update"] | undefined): { lid: string; pn: string }[] {
  if (!update) return [];
  return (Array.isArray(update) ? update : [update]).filter((m) => m.lid && m.pn);
}
