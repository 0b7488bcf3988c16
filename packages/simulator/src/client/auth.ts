import {
  initAuthCreds,
  type AuthenticationCreds,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "@whiskeysockets/baileys";

export interface MemoryAuthState {
  state: { creds: AuthenticationCreds; keys: SignalKeyStore };
  /** Pass to `sock.ev.on("creds.update", saveCreds)`. */
  saveCreds: (update: Partial<AuthenticationCreds>) => void;
}

/**
 * In-memory Baileys auth state that survives reconnects of the same test (pairing → 515 →
 * login). Like `useMultiFileAuthState`, minus the disk.
 */
export const useMemoryAuthState = (): MemoryAuthState => {
  const creds = initAuthCreds();
  const data = new Map<string, unknown>();
  const keys: SignalKeyStore = {
    get: async (type, ids) => {
      const out: { [id: string]: SignalDataTypeMap[typeof type] } = {};
      for (const id of ids) {
        const v = data.get(`${type}:${id}`);
        if (v !== undefined) out[id] = v as SignalDataTypeMap[typeof type];
      }
      return out;
    },
    set: async (update) => {
      for (const [type, entries] of Object.entries(update)) {
        for (const [id, v] of Object.entries(entries ?? {})) {
          if (v) data.set(`${type}:${id}`, v);
          else data.delete(`${type}:${id}`);
        }
      }
    },
  };
  return { state: { creds, keys }, saveCreds: (u) => void Object.assign(creds, u) };
};
