import type { SimPhone } from "../scenario/phone.js";
import { node, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { WhatsAppSimulator } from "./simulator.js";

/** Online companions of the account behind `jid` (all accounts when `jid` is undefined). */
const companionsOf = (sim: WhatsAppSimulator, jid?: string): Companion[] => {
  const phones = jid ? [sim.groups.get(jid)?.members() ?? [sim.phone(jid)]].flat() : sim.phones;
  return phones.flatMap((p) => (p ? [...p.companions.values()] : [])).filter((c) => c.online);
};

export const sendPresence = (
  sim: WhatsAppSimulator,
  from: SimPhone,
  type: "available" | "unavailable",
  to?: string,
): void => {
  const stanza = node("presence", { from: from.jid, type, last: type === "unavailable" ? unixTime() : undefined });
  for (const c of companionsOf(sim, to)) if (c.pn !== from.pn) c.send(stanza);
};

export const sendChatState = (
  sim: WhatsAppSimulator,
  from: SimPhone,
  to: string,
  state: "composing" | "recording" | "paused",
): void => {
  const group = sim.groups.get(to);
  const attrs = group ? { from: to, participant: from.jid } : { from: from.jid };
  const child = state === "recording" ? node("composing", { media: "audio" }) : node(state);
  for (const c of companionsOf(sim, to)) if (c.pn !== from.pn) c.send(node("chatstate", attrs, [child]));
};

/** A phone's receipt for client messages, sent to every online device of the sender account. */
export const sendReceipt = async (
  sim: WhatsAppSimulator,
  from: SimPhone,
  to: string,
  ids: string[],
  type: "delivery" | "read",
  participant?: string,
): Promise<void> => {
  // Baileys folds receipts landing within ~100 ms of a send into the send's own upsert.
  await Promise.all(ids.map((id) => from.pendingDeliveries.get(id)));
  const arrived = Math.max(0, ...ids.map((id) => from.inbox.all.findLast((m) => m.id === id)?.timestamp ?? 0));
  const wait = arrived + from.receiptDelayMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const group = sim.groups.get(to);
  const attrs = group ? { from: to, participant: from.jid } : { from: from.jid };
  const list =
    ids.length > 1
      ? [
          node(
            "list",
            {},
            ids.slice(1).map((id) => node("item", { id })),
          ),
        ]
      : undefined;
  const target = group ? sim.phone(participant ?? "") : sim.phone(to);
  for (const c of target?.companions.values() ?? []) {
    c.send(node("receipt", { ...attrs, id: ids[0], t: unixTime(), type: type === "read" ? "read" : undefined }, list));
  }
};

/** Server-side disconnects with WhatsApp's real reasons. */
export const unlink = (phone: SimPhone, device: number, reason: "logout" | "conflict" | "restart"): void => {
  const c = phone.companions.get(device);
  if (!c) throw new Error(`[multiwa-simulator] ${phone.pn} has no device ${device}`);
  if (reason === "logout") {
    c.removed = true;
    c.conn?.streamError({ code: "401" }, node("conflict", { type: "device_removed" }));
  } else if (reason === "conflict") {
    c.conn?.streamError({}, node("conflict", { type: "replaced" }));
  } else {
    c.conn?.streamError({ code: "515" });
  }
};
