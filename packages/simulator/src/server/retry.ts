import type { BinaryNode, proto } from "@whiskeysockets/baileys";
import { mediaTypeAttr, stanzaType } from "../scenario/content.js";
import type { SimPhone } from "../scenario/phone.js";
import type { KeyBundle } from "../signal/bundle.js";
import { children, node, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { WhatsAppSimulator } from "./simulator.js";

interface SentEntry {
  from: SimPhone;
  message: proto.IMessage;
  attrs: Record<string, string | undefined>;
}

/** Recent 1:1 messages sent by phones (bounded), so a client's retry receipt can be answered. */
const sent = new WeakMap<WhatsAppSimulator, Map<string, SentEntry>>();
const MEMORY = 2_000;

export const remember = (sim: WhatsAppSimulator, id: string, entry: SentEntry): void => {
  const map = sent.get(sim) ?? sent.set(sim, new Map()).get(sim)!;
  map.set(id, entry);
  if (map.size > MEMORY) map.delete(map.keys().next().value!);
};

/**
 * A client could not decrypt a phone's message and sent `<receipt type=retry>`: start a new
 * session (from the keys in the receipt, else the device's known bundle) and send it again
 * with `count`, as a real phone does. Returns false for messages we do not remember.
 */
export const onRetryReceipt = async (
  sim: WhatsAppSimulator,
  client: Companion,
  receipt: BinaryNode,
  bundle?: KeyBundle,
): Promise<boolean> => {
  const entry = sent.get(sim)?.get(receipt.attrs.id ?? "");
  if (!entry || sim.phone(receipt.attrs.to ?? "") !== entry.from) return false;
  const count = children(receipt).find((c) => c.tag === "retry")?.attrs.count ?? "1";
  entry.from.signal.resetSession(client.jid);
  const { type, ciphertext } = await entry.from.signal.encrypt(
    client.jid,
    () => bundle ?? client.takeBundle(),
    entry.message,
  );
  const enc = node("enc", { v: "2", type, count, mediatype: mediaTypeAttr(entry.message) }, ciphertext);
  client.send(
    node("message", { id: receipt.attrs.id, t: unixTime(), type: stanzaType(entry.message), ...entry.attrs }, [enc]),
  );
  return true;
};
