import type { Storage } from "unstorage";

/**
 * MultiWA message ids ↔ Meta's wamids, and what an inbound wamid carried (its media id, its chat),
 * kept in the profile's storage so statuses, replies and downloads resolve after a restart and on
 * any node.
 */
export class IdMap {
  constructor(private readonly storage: Storage) {}

  async link(id: string, wamid: string): Promise<void> {
    await Promise.all([
      this.storage.setItem(`cloud:wamid:${id}`, wamid),
      this.storage.setItem(`cloud:mwid:${wamid}`, id),
    ]);
  }

  /** Our id of a wamid (the wamid itself when it was not ours: an inbound message). */
  async idOf(wamid: string): Promise<string> {
    return (await this.storage.getItem<string>(`cloud:mwid:${wamid}`)) ?? wamid;
  }

  /** Meta's wamid of our id (the id itself when it already is one). */
  async wamidOf(id: string): Promise<string> {
    return (await this.storage.getItem<string>(`cloud:wamid:${id}`)) ?? id;
  }

  async rememberMedia(wamid: string, mediaId: string): Promise<void> {
    await this.storage.setItem(`cloud:media:${wamid}`, mediaId);
  }

  /** Stored values that look numeric come back as numbers from some drivers: ids are always strings. */
  async mediaOf(wamid: string): Promise<string | null> {
    const id = await this.storage.getItem(`cloud:media:${wamid}`);
    return id === null || id === undefined ? null : String(id);
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
