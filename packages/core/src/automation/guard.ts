/**
 * Keeps automation from looping: a rule answers one contact at most once per cooldown, and a chat
 * gets at most `perMinute` automated messages a minute, whatever rules or flows produce them (two
 * bots answering each other stall here). In memory: after a restart the counts start again.
 */
export class LoopGuard {
  private readonly cooldowns = new Map<string, number>();
  private readonly sends = new Map<string, number[]>();

  constructor(private readonly perMinute = 10) {}

  /** True (and the cooldown starts) when the rule may fire for this chat now. */
  takeCooldown(ruleId: string, chat: string, cooldownMs: number, now = Date.now()): boolean {
    if (cooldownMs <= 0) return true;
    const key = `${ruleId}\u0000${chat}`;
    if ((this.cooldowns.get(key) ?? 0) > now) return false;
    this.cooldowns.set(key, now + cooldownMs);
    if (this.cooldowns.size > 50_000) this.prune(now);
    return true;
  }

  /** True (and counted) when one more automated message may go to this chat. */
  takeSend(chat: string, now = Date.now()): boolean {
    const recent = (this.sends.get(chat) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.perMinute) return false;
    recent.push(now);
    this.sends.set(chat, recent);
    return true;
  }

  private prune(now: number): void {
    for (const [k, until] of this.cooldowns) if (until <= now) this.cooldowns.delete(k);
    for (const [k, times] of this.sends) if (!times.some((t) => t > now - 60_000)) this.sends.delete(k);
  }
}
