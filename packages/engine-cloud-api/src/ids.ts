import type { EngineMessageIds } from "@multiwa/core";
import type { Storage } from "unstorage";

/**
 * MultiWA message ids ↔ Meta's wamids and what an inbound wamid carried (its media id), in the
 * core's `platform_message_ids` table, so statuses, replies and downloads resolve after a restart
 * and on any node. Webhook dedupe and BSUID ↔ phone stay in the profile's storage.
 */
export class IdMap {
  private readonly links: EngineMessageIds;

  constructor(
    private readonly storage: Storage,
    links?: EngineMessageIds,
  ) {
    // A bare session (no core around it) keeps its links for its own life only.
    this.links = links ?? memoryLinks();
  }

  link(id: string, wamid: string): Promise<void> {
    return this.links.link(id, wamid);
  }

  /** Our id of a wamid (the wamid itself when it was not ours: an inbound message). */
  async idOf(wamid: string): Promise<string> {
    return (await this.links.idOf(wamid)) ?? wamid;
  }

  /** Meta's wamid of our id (the id itself when it already is one). */
  async wamidOf(id: string): Promise<string> {
    return (await this.links.platformIdOf(id)) ?? id;
  }

  /** An inbound message's media id: the message is its own wamid. */
  rememberMedia(wamid: string, mediaId: string): Promise<void> {
    return this.links.link(wamid, wamid, mediaId);
  }

  async mediaOf(wamid: string): Promise<string | null> {
    return (await this.links.mediaOf(wamid)) ?? null;
  }

  /** Marks a webhook item seen; false when it was seen before (Meta retries deliveries for days). */
  async firstSight(key: string): Promise<boolean> {
    const k = `cloud:seen:${key}`;
    if (await this.storage.hasItem(k)) return false;
    await this.storage.setItem(k, Date.now());
    return true;
  }

  /** BSUID ↔ phone, as Meta reveals them together; replies to a BSUID go to the phone when known. */
  async linkUser(bsuid: string, phone: string): Promise<void> {
    await this.storage.setItem(`cloud:bsuid:${bsuid}`, phone);
  }

  async phoneOf(bsuid: string): Promise<string | null> {
    const phone = await this.storage.getItem(`cloud:bsuid:${bsuid}`);
    return phone === null || phone === undefined ? null : String(phone);
  }
}

function memoryLinks(): EngineMessageIds {
  const rows = new Map<string, { platformId: string; mediaId?: string }>();
  return {
    link: async (id, platformId, mediaId) => {
      const media = mediaId ?? rows.get(id)?.mediaId;
      rows.set(id, { platformId, ...(media ? { mediaId: media } : {}) });
    },
    idOf: async (platformId) => [...rows].find(([, r]) => r.platformId === platformId)?.[0],
    platformIdOf: async (id) => rows.get(id)?.platformId,
    mediaOf: async (id) => rows.get(id)?.mediaId,
  };
}
