import { proto } from "@whiskeysockets/baileys";
import { node, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { Connection } from "./connection.js";
import { notifyStaleCollections, shareAppState } from "./app-state.js";
import { sendPairDevice } from "./pairing.js";
import { sendHistory } from "./history-sync.js";
import { deliverToCompanion } from "./relay.js";
import type { WhatsAppSimulator } from "./simulator.js";

/** First payload after the handshake: registration (→ QR refs) or login (→ success/failure). */
export const onClientPayload = async (
  sim: WhatsAppSimulator,
  conn: Connection,
  payload: proto.ClientPayload,
): Promise<void> => {
  if (payload.devicePairingData) {
    conn.registration = payload.devicePairingData;
    sim.emit("connection", { registered: false });
    sendPairDevice(sim, conn);
    return;
  }
  sim.emit("connection", { registered: true });
  const phone = sim.phone(String(payload.username ?? ""));
  const companion = phone?.companions.get(payload.device ?? 0);
  if (!companion || companion.removed) {
    // Unknown or unlinked device: the real server refuses with 401 (Baileys: loggedOut).
    conn.send(node("failure", { reason: "401", location: "sim" }));
    conn.close();
    return;
  }
  if (companion.conn && companion.conn !== conn && companion.conn.isOpen) {
    companion.conn.streamError({}, node("conflict", { type: "replaced" }));
  }
  companion.conn = conn;
  conn.companion = companion;
  conn.send(
    node("success", {
      t: unixTime(),
      lid: companion.lidJid,
      props: "1",
      abprops: "1",
      location: "sim",
      creation: unixTime(),
    }),
  );
  sim.emit("login", { jid: companion.jid, lid: companion.lidJid, device: companion.device });
};

/**
 * Runs when the client reports `passive active` (the end of its login sequence): flush the
 * offline queue, signal the end of offline delivery, then nudge the client out of its
 * "awaiting initial history sync" state.
 */
export const afterLogin = async (sim: WhatsAppSimulator, companion: Companion): Promise<void> => {
  const pending = companion.drainPending();
  for (const stanza of pending) companion.conn?.send(stanza);
  companion.send(node("ib", { from: "s.whatsapp.net" }, [node("offline", { count: String(pending.length) })]));
  // Baileys rc14 buffers every event after <ib><offline/> until a history-sync notification
  // arrives (or 20 s pass). A FULL-type notification from the account's own phone is one its
  // default `shouldSyncHistoryMessage` skips, which flips it straight to Online and flushes.
  const phone = sim.phone(companion.pn);
  if (!phone) return;
  if (phone.appStateKeyDelayMs > 0) {
    const share = () => void shareAppState(sim, phone, companion).catch(() => undefined);
    setTimeout(share, phone.appStateKeyDelayMs).unref?.();
  } else await shareAppState(sim, phone, companion);
  // A companion that skips the initial history sync never asks for app state by itself.
  notifyStaleCollections(phone, companion);
  await deliverToCompanion(
    sim,
    phone,
    companion,
    {
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
        historySyncNotification: { syncType: proto.HistorySync.HistorySyncType.FULL, chunkOrder: 0, progress: 100 },
      },
      // `notify` on a message from our own phone is how Baileys learns its push name (creds.me.name),
      // which it needs before it will send "available" presence.
    },
    { from: phone.jid, category: "peer", push_priority: "high_force", notify: phone.name },
  );
  // Then the phone's history, once per linked device (issue #21).
  await sendHistory(sim, phone, companion);
};
