import { randomBytes } from "node:crypto";
import { proto } from "@whiskeysockets/baileys";
import { Inbox } from "../scenario/inbox.js";
import {
  decryptValue,
  encryptValue,
  expandKeys,
  indexMac,
  ltHashApply,
  patchMac,
  REMOVE,
  SET,
  snapshotMac,
  valueMac,
  type MutationKeys,
} from "./crypto.js";

/** The app-state collections WhatsApp keeps per account (Baileys rc14 `ALL_WA_PATCH_NAMES`). */
export const COLLECTIONS = [
  "critical_block",
  "critical_unblock_low",
  "regular_high",
  "regular_low",
  "regular",
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** One decoded change, from a client's upload or made on the phone. */
export interface AppStateMutation {
  collection: CollectionName;
  version: number;
  operation: "set" | "remove";
  /** The decoded index, e.g. `["archive", "155…@s.whatsapp.net"]`. */
  index: string[];
  value: proto.ISyncActionValue;
  origin: "client" | "phone";
}

/** Why an upload was refused; the iq answers with `code`. */
export class AppStateRejection extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Collection {
  version: number;
  ltHash: Buffer;
  /** Live values: index MAC (base64) → value MAC, what the LT-hash sums. */
  valueMacs: Map<string, Buffer>;
  /** Every patch since version 0, each with its version set, ready to serve. */
  patches: Buffer[];
}

/**
 * An account's app state as its phone and the server see it together: the sync key the phone
 * shares with its companions, the patch log per collection (what `w:sync:app:state` serves), and
 * the decoded current values, so scenarios can ask "is this chat archived?".
 */
export class AppStateStore {
  readonly keyId = randomBytes(6);
  readonly keyData = randomBytes(32);
  readonly keyTimestamp = Date.now();
  /** Every decoded mutation, oldest first; `next()` waits for one. */
  readonly mutations = new Inbox<AppStateMutation>();
  readonly #keys: MutationKeys = expandKeys(this.keyData);
  readonly #collections = new Map<CollectionName, Collection>();
  /** Current values by index JSON (across collections); removed ones are dropped. */
  readonly #values = new Map<string, proto.ISyncActionValue>();

  version(name: CollectionName): number {
    return this.#collection(name).version;
  }

  /** Patches after `version` (all when 0), oldest first. */
  patchesSince(name: CollectionName, version: number): Buffer[] {
    return this.#collection(name).patches.slice(Math.max(0, version));
  }

  /** The current value at an index, e.g. `value(["archive", jid])?.archiveChatAction?.archived`. */
  value(index: string[]): proto.ISyncActionValue | undefined {
    return this.#values.get(JSON.stringify(index));
  }

  /** Every current value with its index, in the order first written. */
  entries(): [string[], proto.ISyncActionValue][] {
    return [...this.#values].map(([key, value]) => [JSON.parse(key) as string[], value]);
  }

  /** A change made on the phone: one SET (or REMOVE) mutation as a new patch; returns its version. */
  write(
    name: CollectionName,
    index: string[],
    value: proto.ISyncActionValue,
    apiVersion: number,
    operation: "set" | "remove" = "set",
  ): number {
    const col = this.#collection(name);
    const op = operation === "remove" ? REMOVE : SET;
    const indexBytes = Buffer.from(JSON.stringify(index));
    const data = proto.SyncActionData.encode({
      index: indexBytes,
      value: { timestamp: Date.now(), ...value },
      padding: new Uint8Array(0),
      version: apiVersion,
    }).finish();
    const encrypted = encryptValue(data, this.#keys.valueEncryptionKey);
    const vMac = valueMac(op, encrypted, this.keyId, this.#keys.valueMacKey);
    const iMac = indexMac(indexBytes, this.#keys.indexKey);
    const version = col.version + 1;
    const ltHash = this.#mix(col, iMac, vMac, op);
    const snapshot = snapshotMac(ltHash, version, name, this.#keys.snapshotMacKey);
    const patch: proto.ISyncdPatch = {
      version: { version },
      keyId: { id: this.keyId },
      snapshotMac: snapshot,
      patchMac: patchMac(snapshot, [vMac], version, name, this.#keys.patchMacKey),
      mutations: [
        {
          operation: op,
          record: {
            index: { blob: iMac },
            value: { blob: Buffer.concat([encrypted, vMac]) },
            keyId: { id: this.keyId },
          },
        },
      ],
    };
    this.#commit(col, ltHash, version, patch);
    this.#record(name, version, op, index, value, "phone");
    return version;
  }

  /**
   * A client's upload (`<collection version=base><patch>`): it must build on the current version
   * (else 409, as the server answers a stale client) and every MAC must verify with the shared
   * key, including the snapshot MAC over the LT-hash the client computed: a wrong hash is a 400.
   */
  accept(name: CollectionName, baseVersion: number, bytes: Uint8Array): number {
    const col = this.#collection(name);
    if (baseVersion !== col.version)
      throw new AppStateRejection(409, `${name} is at v${col.version}, not v${baseVersion}`);
    const patch = proto.SyncdPatch.decode(bytes);
    if (!Buffer.from(patch.keyId?.id ?? []).equals(this.keyId)) throw new AppStateRejection(400, "unknown key id");
    const version = col.version + 1;
    const decoded: { op: number; index: string[]; value: proto.ISyncActionValue }[] = [];
    const valueMacs: Buffer[] = [];
    let ltHash = col.ltHash;
    const live = new Map(col.valueMacs);
    for (const mutation of patch.mutations ?? []) {
      const op = mutation.operation ?? SET;
      const blob = Buffer.from(mutation.record?.value?.blob ?? []);
      const [encrypted, vMac] = [blob.subarray(0, -32), blob.subarray(-32)];
      if (!valueMac(op, encrypted, this.keyId, this.#keys.valueMacKey).equals(vMac))
        throw new AppStateRejection(400, "bad value MAC");
      const data = proto.SyncActionData.decode(decryptValue(encrypted, this.#keys.valueEncryptionKey));
      const iMac = Buffer.from(mutation.record?.index?.blob ?? []);
      if (!indexMac(data.index ?? new Uint8Array(0), this.#keys.indexKey).equals(iMac))
        throw new AppStateRejection(400, "bad index MAC");
      ltHash = this.#mixInto(ltHash, live, iMac, vMac, op);
      valueMacs.push(vMac);
      decoded.push({ op, index: JSON.parse(Buffer.from(data.index ?? []).toString()), value: data.value ?? {} });
    }
    const snapshot = snapshotMac(ltHash, version, name, this.#keys.snapshotMacKey);
    if (!snapshot.equals(Buffer.from(patch.snapshotMac ?? []))) throw new AppStateRejection(400, "bad snapshot MAC");
    if (!patchMac(snapshot, valueMacs, version, name, this.#keys.patchMacKey).equals(Buffer.from(patch.patchMac ?? [])))
      throw new AppStateRejection(400, "bad patch MAC");
    col.valueMacs = live;
    this.#commit(col, ltHash, version, { ...patch, version: { version } });
    for (const m of decoded) this.#record(name, version, m.op, m.index, m.value, "client");
    return version;
  }

  #collection(name: CollectionName): Collection {
    let col = this.#collections.get(name);
    if (!col)
      this.#collections.set(name, (col = { version: 0, ltHash: Buffer.alloc(128), valueMacs: new Map(), patches: [] }));
    return col;
  }

  #mix(col: Collection, iMac: Buffer, vMac: Buffer, op: number): Buffer {
    return this.#mixInto(col.ltHash, col.valueMacs, iMac, vMac, op);
  }

  /** A SET replaces the index's previous value (subtract it, add the new); a REMOVE only subtracts. */
  #mixInto(hash: Buffer, live: Map<string, Buffer>, iMac: Buffer, vMac: Buffer, op: number): Buffer {
    const key = iMac.toString("base64");
    const previous = live.get(key);
    if (op === REMOVE) live.delete(key);
    else live.set(key, vMac);
    return ltHashApply(hash, op === REMOVE ? [] : [vMac], previous ? [previous] : []);
  }

  #commit(col: Collection, ltHash: Buffer, version: number, patch: proto.ISyncdPatch): void {
    col.ltHash = ltHash;
    col.version = version;
    col.patches.push(Buffer.from(proto.SyncdPatch.encode(patch).finish()));
  }

  #record(
    collection: CollectionName,
    version: number,
    op: number,
    index: string[],
    value: proto.ISyncActionValue,
    origin: AppStateMutation["origin"],
  ): void {
    const key = JSON.stringify(index);
    if (op === REMOVE) this.#values.delete(key);
    else this.#values.set(key, value);
    this.mutations.push({ collection, version, operation: op === REMOVE ? "remove" : "set", index, value, origin });
  }
}
