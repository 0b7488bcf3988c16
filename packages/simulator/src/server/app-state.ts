import { getBinaryNodeChild, proto, type BinaryNode } from "@whiskeysockets/baileys";
import { AppStateRejection, COLLECTIONS, type CollectionName } from "../appstate/store.js";
import type { SimPhone } from "../scenario/phone.js";
import { children, iqError, iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import type { Connection } from "./connection.js";
import { deliverToCompanion } from "./relay.js";
import type { WhatsAppSimulator } from "./simulator.js";

const isCollection = (name: string | undefined): name is CollectionName =>
  (COLLECTIONS as readonly string[]).includes(name ?? "");

/**
 * `iq xmlns=w:sync:app:state`: a `<collection version>` with `<patch>` children is an upload (it
 * must build on the current version); one without asks for every patch after `version`. Answers
 * carry patches, never snapshots: Baileys applies a log from v0 the same way.
 */
export const onAppStateIq = (sim: WhatsAppSimulator, conn: Connection, iq: BinaryNode): void => {
  const companion = conn.companion;
  const phone = companion && sim.phone(companion.pn);
  if (!phone) return conn.send(iqError(iq, 401, "not-authorized"));
  const out: BinaryNode[] = [];
  const changed: CollectionName[] = [];
  for (const col of children(getBinaryNodeChild(iq, "sync"))) {
    const name = col.attrs.name;
    if (col.tag !== "collection" || !isCollection(name)) continue;
    const uploads = children(col).filter((c) => c.tag === "patch" && c.content instanceof Uint8Array);
    if (uploads.length) {
      try {
        let version = Number(col.attrs.version ?? 0);
        for (const patch of uploads) version = phone.appState.accept(name, version, patch.content as Uint8Array);
      } catch (err) {
        if (!(err instanceof AppStateRejection)) throw err;
        sim.reportError(err);
        return conn.send(iqError(iq, err.code, err.message));
      }
      changed.push(name);
      companion.appStateVersions.set(name, phone.appState.version(name));
      out.push(node("collection", { name, version: String(phone.appState.version(name)) }));
      continue;
    }
    const since = Number(col.attrs.version ?? 0);
    const patches = phone.appState.patchesSince(name, since).map((p) => node("patch", {}, p));
    companion.appStateVersions.set(name, phone.appState.version(name));
    out.push(
      node("collection", { name, version: String(phone.appState.version(name)), has_more_patches: "false" }, [
        node("patches", {}, patches),
      ]),
    );
  }
  conn.send(iqResult(iq, [node("sync", {}, out)]));
  for (const name of changed) notifyServerSync(phone, name, companion);
};

const serverSync = (phone: SimPhone, name: CollectionName): BinaryNode =>
  node("notification", { from: "s.whatsapp.net", type: "server_sync", id: serverId("sync"), t: unixTime() }, [
    node("collection", { name, version: String(phone.appState.version(name)) }),
  ]);

/** `<notification type=server_sync>`: the account's other devices fetch the new patches. */
export const notifyServerSync = (phone: SimPhone, name: CollectionName, except?: Companion): void => {
  const stanza = serverSync(phone, name);
  for (const c of phone.companions.values()) if (c !== except && !c.removed) c.send(stanza);
};

/**
 * After a login: a `server_sync` for every collection that moved past what this device last
 * synced, so a change made while it was away (or whose notification died with its socket) arrives.
 */
export const notifyStaleCollections = (phone: SimPhone, companion: Companion): void => {
  for (const name of COLLECTIONS)
    if (phone.appState.version(name) > (companion.appStateVersions.get(name) ?? 0))
      companion.send(serverSync(phone, name));
};

/** What the phone does for a newly linked device: share its app-state sync key (a self-only protocol message). */
export const shareAppState = async (sim: WhatsAppSimulator, phone: SimPhone, companion: Companion): Promise<void> => {
  if (companion.appStateShared) return;
  companion.appStateShared = true;
  const { keyId, keyData, keyTimestamp } = phone.appState;
  await deliverToCompanion(
    sim,
    phone,
    companion,
    {
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE,
        appStateSyncKeyShare: {
          keys: [
            {
              keyId: { keyId },
              keyData: {
                keyData,
                timestamp: keyTimestamp,
                fingerprint: { rawId: 1, currentIndex: 0, deviceIndexes: [0] },
              },
            },
          ],
        },
      },
    },
    { from: phone.jid, category: "peer", push_priority: "high_force" },
  );
};
