import type { Storage } from "unstorage";
import { safeKey } from "../storage/namespaces.js";

/** Cooldowns at least this long are also stored, so a restart (or a profile moving node) keeps them. */
const STORED_COOLDOWN_MS = 60_000;

/**
 * Keeps automation from looping: a rule answers one contact at most once per cooldown, and a chat
 * gets at most `perMinute` automated messages a minute, whatever rules or flows produce them (two
 * bots answering each other stall here). The per-minute counts are in memory; long cooldowns
 * ("welcome once a day") are stored too.
 */
export class LoopGuard {
  private readonly cooldowns = new Map<string, number>();
  private readonly sends = new Map<string, number[]>();

  constructor(
    private readonly perMinute = 10,
    /** The `automationCooldowns` keyspace. */
    private readonly storage?: Storage,
  ) {}

  /** True (and the cooldown starts) when the rule may fire for this chat now. */
  async takeCooldown(ruleId: string, chat: string, cooldownMs: number, now = Date.now()): Promise<boolean> {
    if (cooldownMs <= 0) return true;
    const key = `${ruleId}\u0000${chat}`;
    const known = this.cooldowns.get(key);
    if (known !== undefined && known > now) return false;
    // Claimed in memory before any await, so a second message of the same burst waits its turn.
    this.cooldowns.set(key, now + cooldownMs);
    if (this.cooldowns.size > 50_000) this.prune(now);
    if (!this.storage || cooldownMs < STORED_COOLDOWN_MS) return true;
    const storedKey = safeKey(key);
    if (known === undefined) {
      const storedUntil = (await this.storage.getItem<number>(storedKey)) ?? 0;
      if (storedUntil > now) {
        this.cooldowns.set(key, storedUntil);
        return false;
      }
    }
    await this.storage.setItem(storedKey, now + cooldownMs, { ttl: Math.ceil(cooldownMs / 1000) });
    return true;
  }

  /** True (and counted) when one more automated message may go to this chat. */
  takeSend(chat: string, now = Date.now()): boolean {
    const recent = (this.sends.get(chat) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.perMinute) return false;
    recent.push(now);
    this.sends.set(chat, recent);
    // Chats answered only by rules without cooldown never grow `cooldowns`: prune from here too.
    if (this.sends.size > 50_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [k, until] of this.cooldowns) if (until <= now) this.cooldowns.delete(k);
    for (const [k, times] of this.sends) if (!times.some((t) => t > now - 60_000)) this.sends.delete(k);
  }
}
