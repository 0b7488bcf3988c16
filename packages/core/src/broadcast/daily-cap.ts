import type { Storage } from "unstorage";

/** Campaign messages per profile and day, shared by every campaign of this process (`campaignDay` keyspace). */
export class DailyCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly storage: Storage) {}

  async count(profileId: string, day: string): Promise<number> {
    const k = `${profileId}:${day}`;
    let n = this.counts.get(k);
    if (n === undefined) this.counts.set(k, (n = (await this.storage.getItem<number>(k)) ?? 0));
    return n;
  }

  async add(profileId: string, day: string): Promise<void> {
    const k = `${profileId}:${day}`;
    const n = (await this.count(profileId, day)) + 1;
    this.counts.set(k, n);
    await this.storage.setItem(k, n);
  }
}
