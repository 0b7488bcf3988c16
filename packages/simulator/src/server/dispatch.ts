import { getBinaryNodeChild, type BinaryNode } from "@whiskeysockets/baileys";
import { parseRetryKeys } from "../signal/bundle.js";
import { children, node, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";
import { onIq } from "./iq.js";
import { onClientMessage } from "./relay.js";
import { onRetryReceipt } from "./retry.js";
import type { WhatsAppSimulator } from "./simulator.js";

/** Routes a decoded stanza from a client. */
export const onStanza = async (sim: WhatsAppSimulator, conn: Connection, stanza: BinaryNode): Promise<void> => {
  switch (stanza.tag) {
    case "iq":
      if (stanza.attrs.type === "result" || stanza.attrs.type === "error") return; // answers to iqs nobody awaits
      return onIq(sim, conn, stanza);
    case "message":
      sim.stats.clientMessages++;
      if (sim.absorbOnly)
        return conn.send(node("ack", { class: "message", id: stanza.attrs.id, from: stanza.attrs.to, t: unixTime() }));
      if (conn.companion && stanza.attrs.to?.endsWith("@newsletter"))
        return sim.channels.onClientMessage(conn.companion, stanza);
      if (conn.companion) {
        const t0 = performance.now();
        await onClientMessage(sim, conn.companion, stanza);
        sim.stats.messageHandlingMs += performance.now() - t0;
      }
      return;
    case "receipt":
      return onClientReceipt(sim, conn, stanza);
    case "presence":
    case "chatstate":
      return onClientPresence(sim, conn, stanza);
    case "call":
      return sim.calls.onClientCall(conn, stanza);
    case "ack":
      if (stanza.attrs.class === "message" && stanza.attrs.id) conn.companion?.acked(stanza.attrs.id);
      return;
    default:
      return; // ib (unified_session, offline_batch) ...
  }
};

/** Stanza-level receipts the client sends for our own plumbing, not for a chat. */
const INTERNAL_RECEIPTS = new Set(["peer_msg", "hist_sync"]);

const onClientReceipt = (sim: WhatsAppSimulator, conn: Connection, stanza: BinaryNode): void => {
  const sender = conn.companion;
  if (!sender) return;
  const items = children(getBinaryNodeChild(stanza, "list")).map((i) => i.attrs.id ?? "");
  const ids = [stanza.attrs.id ?? "", ...items];
  // Baileys confirms a processed message with a receipt rather than an <ack>.
  for (const id of ids) sender.acked(id);
  if (stanza.attrs.type === "retry") {
    void onRetryReceipt(sim, sender, stanza, parseRetryKeys(stanza)).catch((err) => sim.reportError(err));
  }
  const target = sim.phone(stanza.attrs.to ?? "");
  if (!target || INTERNAL_RECEIPTS.has(stanza.attrs.type ?? "")) return;
  const receipt = { ids, type: stanza.attrs.type ?? "delivery", sender: sender.jid };
  target.clientReceipts.push(receipt);
  target.emit("receipt", receipt);
};

const onClientPresence = (sim: WhatsAppSimulator, conn: Connection, stanza: BinaryNode): void => {
  const sender = conn.companion;
  if (!sender) return;
  const state = children(stanza)[0]?.tag;
  const type = stanza.tag === "chatstate" ? (state ?? "paused") : (stanza.attrs.type ?? "available");
  const to = stanza.attrs.to;
  const event = { sender: sender.jid, type, to };
  // Chat states and subscriptions go to the addressed phone (or every member of the addressed
  // group); plain presence goes to the client's own phone.
  const group = to ? sim.groups.get(to) : undefined;
  const targets = group ? group.members().filter((p) => p.pn !== sender.pn) : [sim.phone(to ?? sender.pn)];
  for (const target of targets) {
    if (!target) continue;
    target.presences.push(event);
    target.emit("presence", event);
  }
};
