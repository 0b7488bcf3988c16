import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";

/**
 * Campaign messages per profile and day (`campaignDay` keyspace), for the daily cap. Campaigns of one
 * profile may run on several nodes (each campaign's lease is its own), so each process counts under its
 * own key (`profileId:day:writer`) — the only writer of that key, so its cached count is exact — and a
 * count adds every writer's key, read from storage each time (#18: one shared key cached per process lost
 * the other nodes' sends and let the cap be passed).
 */
export class DailyCounter {
  /** cache: this process is the only writer of its own keys */
  private readonly mine = new Map<string, number>();
  private readonly writer = randomBytes(4).toString("hex");

  constructor(private readonly storage: Storage) {}

  async count(profileId: string, day: string): Promise<number> {
    const base = `${profileId}:${day}`;
    const keys = (await this.storage.getKeys(base)).filter((k) => k.startsWith(`${base}:`));
    const values = await Promise.all(keys.map((k) => this.storage.getItem<number>(k)));
    return values.reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0);
  }

  async add(profileId: string, day: string): Promise<void> {
    const k = `${profileId}:${day}:${this.writer}`;
    const n = (this.mine.get(k) ?? 0) + 1;
    this.mine.set(k, n);
    await this.storage.setItem(k, n);
  }
}
