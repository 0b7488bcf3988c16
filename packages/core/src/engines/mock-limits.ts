import type { LimitKind } from "../engine/limit-types.js";
import type { EngineEventName, EngineEvents, WAMessage } from "../engine/types.js";
import { phoneOf } from "./mock-jid.js";

interface Endpoint {
  event<K extends EngineEventName>(event: K, payload: EngineEvents[K]): void;
}

/**
 * WhatsApp's limits on new chats on the mock network (issue #21), like the simulator's: while an account is
 * limited, a 1:1 message to someone it never exchanged a message with is accepted, then refused (a 463 on
 * Baileys) and not delivered.
 */
export class MockLimits {
  private readonly limits = new Map<string, { kind: LimitKind; until: number }>();
  private readonly met = new Set<string>();

  constructor(private readonly endpointsOf: (phone: string) => Iterable<Endpoint>) {}

  /**
   * Sets (or with null lifts) a limit on an account; its sessions hear it as WhatsApp announces it, or with
   * `notify: false` only from the refusals.
   */
  set(phone: string, limit: { kind: LimitKind; until: number } | null, notify = true): void {
    const previous = this.limits.get(phone);
    if (limit) this.limits.set(phone, limit);
    else this.limits.delete(phone);
    const kind = limit?.kind ?? previous?.kind ?? "reachout_timelock";
    if (!notify) return;
    for (const endpoint of this.endpointsOf(phone))
      endpoint.event(
        "profile.limit",
        limit
          ? { kind, active: true, until: limit.until, source: "whatsapp" }
          : { kind, active: false, source: "whatsapp" },
      );
  }

  /** The limit that refuses `message` from `fromPhone` now, if any; otherwise the two have a chat from now on. */
  refusal(fromPhone: string, message: WAMessage): { kind: LimitKind; until: number } | undefined {
    if (message.chatId.endsWith("@g.us")) return undefined;
    const to = phoneOf(message.chatId);
    const pair = fromPhone < to ? `${fromPhone}|${to}` : `${to}|${fromPhone}`;
    const limit = this.limits.get(fromPhone);
    if (limit && limit.until > Date.now() && !this.met.has(pair) && to !== fromPhone) return limit;
    this.met.add(pair);
    return undefined;
  }

  /** A message between two accounts: their chat exists. */
  meet(a: string, b: string): void {
    this.met.add(a < b ? `${a}|${b}` : `${b}|${a}`);
  }
}
