import type { EngineSessionContext } from "@multiwa/core";

type Storage = EngineSessionContext["storage"];

// whatsapp-web.js names users `628…@c.us`; the core (like the protocol) uses `628…@s.whatsapp.net`.
const CUS = "@c.us";
const SWN = "@s.whatsapp.net";

/** Core JID → whatsapp-web.js id. Groups, LIDs, broadcasts and newsletters are the same in both. */
export function toWid(jid: string): string {
  if (!jid.endsWith(SWN)) return jid;
  return `${jid.slice(0, -SWN.length).split(":")[0]}${CUS}`;
}

/** whatsapp-web.js id (or a `{ _serialized }` wid) → core JID. */
export function fromWid(wid: string | { _serialized: string } | undefined | null): string {
  const id = typeof wid === "string" ? wid : (wid?._serialized ?? "");
  return id.endsWith(CUS) ? `${id.slice(0, -CUS.length)}${SWN}` : id;
}

/** A whatsapp-web.js message key: `fromMe_remote_id[_participant]` when serialized. */
export interface WidKey {
  fromMe: boolean;
  remote: string | { _serialized: string };
  id: string;
  participant?: string | { _serialized: string };
  _serialized: string;
}

/** Builds the serialized key whatsapp-web.js uses to find a message. */
export function serializeKey(fromMe: boolean, chatWid: string, id: string, participantWid?: string): string {
  return `${fromMe}_${chatWid}_${id}${participantWid ? `_${participantWid}` : ""}`;
}

/**
 * Remembers which whatsapp-web.js key belongs to which bare id, and which core id a sent message
 * has. whatsapp-web.js picks its own message ids, so the core's id (chosen before sending, for the
 * outbox) is an alias: receipts carry both, and replies, reactions, edits and deletes accept both.
 * Aliases live in the profile's storage so they survive restarts; other keys are kept in memory.
 */
export class IdBook {
  private readonly keys = new Map<string, string>();
  private readonly coreToWa = new Map<string, string>();
  private readonly waToCore = new Map<string, string>();

  constructor(
    private readonly storage: Storage,
    private readonly limit = 5000,
  ) {}

  /** Notes a message key seen on the wire. */
  remember(key: WidKey): void {
    if (this.keys.size >= this.limit) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(key.id, key._serialized);
  }

  /** Links the core's id to the message whatsapp-web.js actually sent. */
  async alias(coreId: string, key: WidKey): Promise<void> {
    this.remember(key);
    this.coreToWa.set(coreId, key._serialized);
    this.waToCore.set(key.id, coreId);
    await Promise.all([
      this.storage.setItem(`ids:core:${coreId}`, key._serialized),
      this.storage.setItem(`ids:wa:${key.id}`, coreId),
    ]);
  }

  /** The core's id for a bare whatsapp-web.js id, if the core sent it. */
  async coreIdOf(waId: string): Promise<string | undefined> {
    return this.waToCore.get(waId) ?? (await this.storage.getItem<string>(`ids:wa:${waId}`)) ?? undefined;
  }

  /** Every id a message is known by: its own, and the core's when the core sent it. */
  async idsOf(waId: string): Promise<string[]> {
    const coreId = await this.coreIdOf(waId);
    return coreId && coreId !== waId ? [waId, coreId] : [waId];
  }

  /** The serialized key for a bare or core id, when known. */
  async lookup(id: string): Promise<string | undefined> {
    return (
      this.coreToWa.get(id) ?? this.keys.get(id) ?? (await this.storage.getItem<string>(`ids:core:${id}`)) ?? undefined
    );
  }
}
