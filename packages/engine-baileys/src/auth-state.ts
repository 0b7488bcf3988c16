import type {
  AuthenticationCreds,
  AuthenticationState,
  SignalDataSet,
  SignalDataTypeMap,
  SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { Storage } from "unstorage";
import type { Baileys } from "./load.js";
import { SerialKeyStore } from "./key-store.js";
import { PreKeyBuckets } from "./prekey-buckets.js";

const CREDS_KEY = "creds";
/**
 * Signal ratchet state, rewritten on every message to or from a chat. Its writes are deferred (stored
 * within the key write window): a crash inside the window loses the last advances, and a peer that
 * cannot decrypt our next message asks for a retry, which Baileys answers with a fresh session. Creds,
 * pre-keys (uploaded to the server: a lost one breaks a peer's new session) and the rest are stored
 * before `set` resolves.
 */
const DEFERRED_TYPES = new Set<string>(["session", "sender-key", "sender-key-memory"]);

export interface StorageAuthState {
  state: AuthenticationState;
  /** Stores the creds after Baileys changed them (`creds.update`). */
  saveCreds(): Promise<void>;
  /** Resolves once every queued write is stored. */
  flush(): Promise<void>;
  /** Stops writing: the account logged out and the core clears the namespace. */
  discard(): void;
}

/**
 * Baileys auth state (creds + Signal keys) in the profile's unstorage namespace instead of a
 * folder of files, so a profile can reconnect after a restart or on another node sharing the store.
 * Values are JSON with Baileys' `BufferJSON` encoding; keys are `creds`, `<type>:<escaped id>`, and
 * `pre-key:b<n>` for pre-keys, which are stored in buckets.
 */
export async function useStorageAuthState(
  storage: Storage,
  baileys: Baileys,
  options: { keyWriteWindowMs?: number; onError?: (error: unknown) => void } = {},
): Promise<StorageAuthState> {
  const { BufferJSON, initAuthCreds, proto } = baileys;
  const store = new SerialKeyStore(storage, { windowMs: options.keyWriteWindowMs, onError: options.onError });
  // Wrapped in `{ v }` so unstorage's parse-on-read never turns a stored string into a number.
  const encode = (value: unknown) => `{"v":${JSON.stringify(value, BufferJSON.replacer)}}`;
  const decode = <T>(text: string | undefined): T | undefined =>
    text === undefined ? undefined : (JSON.parse(text, BufferJSON.reviver) as { v?: T }).v;

  const preKeys = new PreKeyBuckets(store, { encode, decode });

  const creds = decode<AuthenticationCreds>(await store.read(CREDS_KEY)) ?? initAuthCreds();
  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      if (type === "pre-key") return (await preKeys.get(ids)) as { [id: string]: SignalDataTypeMap[T] };
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      await Promise.all(
        ids.map(async (id) => {
          let value = decode<SignalDataTypeMap[T]>(await store.read(keyOf(type, id)));
          if (value === undefined || value === null) return;
          if (type === "app-state-sync-key")
            value = proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
          out[id] = value;
        }),
      );
      return out;
    },
    async set(data: SignalDataSet) {
      const entries: [string, string | null][] = [];
      const deferred: [string, string | null][] = [];
      for (const type of Object.keys(data) as (keyof SignalDataSet)[]) {
        if (type === "pre-key") continue;
        const into = DEFERRED_TYPES.has(type) ? deferred : entries;
        for (const [id, value] of Object.entries(data[type] ?? {}))
          into.push([keyOf(type, id), value ? encode(value) : null]);
      }
      if (deferred.length > 0) void store.write(deferred, { defer: true });
      await Promise.all([
        entries.length > 0 && store.write(entries),
        data["pre-key"] && preKeys.set(Object.entries(data["pre-key"])),
      ]);
    },
  };

  return {
    state: { creds, keys },
    saveCreds: () => store.write([[CREDS_KEY, encode(creds)]]),
    flush: () => store.flush(),
    discard: () => store.discard(),
  };
}

// --- Internal helpers ---

/** unstorage treats `:` and `/` as path separators and the fs driver maps keys to files: escape ids. */
function keyOf(type: string, id: string): string {
  return `${type}:${encodeURIComponent(id).replace(/\./g, "%2E")}`;
}
