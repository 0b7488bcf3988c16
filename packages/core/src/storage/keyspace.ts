import { prefixStorage, type Storage } from "unstorage";
import { clearPrefix, segment } from "./namespaces.js";

/** Whom a key or row belongs to: what has to go when that owner is deleted. */
export type KeyScope = "global" | "organization" | "workspace" | "profile";

export interface KeyspaceEntry {
  /** The first key segment; the owner's id is the second for scoped entries (`prefix:ownerId:…`). */
  prefix: string;
  scope: KeyScope;
  /** The one module that reads and writes it (a path under packages/core/src). */
  owner: string;
  holds: string;
}

/**
 * Every key prefix MultiWA writes to the key-value store (records are SQL tables: `TABLES` below).
 * A store receives only its own namespace (`keyspace(storage, name)`), deleting a profile or a workspace
 * clears every entry of that scope, and a test checks that every key written during a full scenario
 * matches an entry here. `docs/storage-layout.md` is generated from this registry.
 */
export const KEYSPACE = {
  engineAuth: {
    prefix: "auth",
    scope: "profile",
    owner: "session/local-host.ts",
    holds:
      "the engine's credentials and Signal keys; engines keep their own maps inside it (`cloud:*` webhook dedupe, window and BSUID ↔ phone; `ids:*`, `remoteauth:*`)",
  },
  profileSettings: {
    prefix: "profile-settings",
    scope: "profile",
    owner: "session/settings.ts",
    holds: "engine settings of a profile (Cloud API ids and tokens; secret, never listed back)",
  },
  profileProxies: {
    prefix: "profile-proxies",
    scope: "profile",
    owner: "proxy/proxies.ts",
    holds: "a profile's proxies and rotation (passwords included; never listed back)",
  },
  callSettings: {
    prefix: "call-settings",
    scope: "profile",
    owner: "calls/calls.ts",
    holds: "auto-reject and auto-reply for incoming calls",
  },
  labelSettings: {
    prefix: "label-settings",
    scope: "profile",
    owner: "labels/labels.ts",
    holds: "whether a profile's WhatsApp Business labels also tag the contacts of the chats they are on",
  },
  profileLimits: {
    prefix: "profile-limits",
    scope: "profile",
    owner: "limits/limits.ts",
    holds: "WhatsApp's limits on a profile as last reported (reach-out timelock, new-chat capping) and their ends",
  },
  historyStatus: {
    prefix: "history-status",
    scope: "profile",
    owner: "history/status.ts",
    holds: "where a profile's history import stands (state, progress, totals, oldest message time)",
  },
  campaignDay: {
    prefix: "campaignday",
    scope: "profile",
    owner: "broadcast/daily-cap.ts",
    holds:
      "campaign messages sent per profile and day, one key per writing process (`campaignday:profileId:YYYY-MM-DD:writer`), summed for the daily cap",
  },
  automationSchedule: {
    prefix: "autocron",
    scope: "profile",
    owner: "automation/automation.ts",
    holds: "when each schedule rule fires next on a profile (`autocron:profileId:ruleId`)",
  },
  automationCooldowns: {
    prefix: "autocool",
    scope: "global",
    owner: "automation/guard.ts",
    holds: "rule cooldowns of a minute or more, by a hash of rule and chat; each expires with its cooldown (TTL)",
  },
  automationSettings: {
    prefix: "autosettings",
    scope: "workspace",
    owner: "automation/settings.ts",
    holds: "a workspace's automation settings (the AI endpoint and its key)",
  },
} as const satisfies Record<string, KeyspaceEntry>;

export type KeyspaceName = keyof typeof KEYSPACE;

/** The store of one registry entry: keys without its prefix. */
export function keyspace(storage: Storage, name: KeyspaceName): Storage {
  return prefixStorage(storage, KEYSPACE[name].prefix);
}

/** A profile's engine storage (credentials, keys, the engine's own maps): the `engineAuth` keyspace. */
export function profileAuthStorage(storage: Storage, profileId: string): Storage {
  return prefixStorage(storage, `${KEYSPACE.engineAuth.prefix}:${profileId}`);
}

/**
 * Removes every key of this scope that names `ownerId` (a deleted profile's or workspace's keys): the key
 * `prefix:ownerId` itself and everything under it. Workspace ids appear in keys as `segment(id)`.
 */
export async function clearOwnedKeys(storage: Storage, scope: "profile" | "workspace", ownerId: string): Promise<void> {
  const id = scope === "workspace" ? segment(ownerId) : ownerId;
  const entries = Object.values(KEYSPACE as Record<string, KeyspaceEntry>).filter((e) => e.scope === scope);
  await Promise.all(
    entries.flatMap((e) => [storage.removeItem(`${e.prefix}:${id}`), clearPrefix(storage, `${e.prefix}:${id}`)]),
  );
}

/** The registry entry a stored key belongs to, or undefined when no entry claims it. */
export function keyspaceOf(key: string): KeyspaceEntry | undefined {
  const first = key.split(":", 1)[0];
  return Object.values(KEYSPACE as Record<string, KeyspaceEntry>).find((e) => e.prefix === first);
}
