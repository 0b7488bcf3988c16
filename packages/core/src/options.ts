import type { Storage } from "unstorage";
import type { AutomationSettingsOptions } from "./automation/automation.js";
import type { ClusterBus } from "./cluster/bus.js";
import type { Database } from "./db/types.js";
import type { Engine, EngineLogger } from "./engine/types.js";
import type { PacingInput } from "./outbox/pacing.js";
import type { RetentionOptions } from "./retention.js";
import type { S3MediaOptions } from "./media/s3.js";
import type { BackoffInput } from "./session/backoff.js";
import type { LeaseStore } from "./session/lease.js";
import type { OutboundPolicy } from "./net/target.js";
import type { MediaFetcher } from "./session/media.js";
import type { Profile, SessionStatus } from "./session/profiles.js";
import type { WebhookOptions } from "./webhooks/webhooks.js";

export interface MultiWAOptions {
  /** Where all state lives. @default fs storage under `dataDir` */
  storage?: Storage;
  /** Folder of the default fs storage and embedded database. @default ".multiwa-data" */
  dataDir?: string;
  /**
   * The records database (contacts, campaigns, audit, …): a URL for `openDatabase` (`pglite:<dir>`,
   * `memory:`, `postgres://…`) or an opened `Database`, which `close()` then leaves open.
   * @default PGlite in `<dataDir>/database`; with a memory `storage` but no `dataDir`, an in-memory
   * database shared by every instance given that same storage object (tests). A durable `storage` with
   * neither is refused: its records would be lost on restart.
   */
  database?: string | Database;
  /** Engines by name, e.g. `{ baileys: baileysEngine(), mock: mockEngine() }`. */
  engines: Record<string, Engine>;
  /** Engine for profiles created without one. @default the first of `engines` */
  defaultEngine?: string;
  /** Send pacing for every profile; a profile's own `pacing` overrides it. */
  pacing?: PacingInput;
  /** Reconnect backoff. */
  reconnect?: BackoffInput;
  /** Decides which node runs which profile. @default in-process leases */
  leases?: LeaseStore;
  /** This process's name in leases. @default random */
  nodeId?: string;
  /** @default 30000 */
  leaseTtlMs?: number;
  /**
   * How long a WhatsApp limit lasts when WhatsApp did not say (a refused send it could not be asked about):
   * campaigns pause the profile for this long. @default 3_600_000 (an hour)
   */
  limitWindowMs?: number;
  /** Reconnect every profile that was running when the process last stopped. @default true */
  restore?: boolean;
  logger?: EngineLogger;
  /** How `{ url }` media is downloaded. @default the guarded outbound client, with a size limit */
  fetchMedia?: MediaFetcher;
  /** Every outbound call (webhooks, media URLs, AI, flow HTTP, rule webhooks): private targets, resolver. */
  outbound?: OutboundPolicy;
  /** Webhook delivery settings (retries, timeouts). */
  webhooks?: WebhookOptions;
  /** Connects the nodes of a cluster: live events everywhere, outbox wake-ups and owner-only calls for the owner. */
  bus?: ClusterBus;
  /** How long a call forwarded to the profile's owning node may take. @default 15000 */
  forwardTimeoutMs?: number;
  /**
   * How long a hot-path write nobody waits on (a sent message's status, receipts, history entries,
   * webhook deliveries) may wait for others to share its transaction, in ms; 0 commits each at the end
   * of its tick. An accepted send is durable before its answer either way. A crash inside the window
   * loses those writes: a `sent` not yet committed makes a restart send that message again.
   * @default 5
   */
  writeWindowMs?: number;
  /** How long records that only grow are kept: messages, history, webhook deliveries, audit (pruned in the background). */
  retention?: RetentionOptions;
  /**
   * Media storage: with `s3`, the bytes of every media message are copied to that bucket and its webhooks
   * carry a signed URL (`media.url`); `retention.media` days later the objects are deleted.
   */
  media?: { s3: S3MediaOptions };
  /** Rules and flows: reply caps, schedule clock. */
  automation?: AutomationSettingsOptions;
  /** Number checks and contact pictures (`wa.directory`). */
  directory?: DirectorySettings;
}

export interface DirectorySettings {
  /** How long a number check's answer is reused before WhatsApp is asked again. @default 7 */
  numberCheckCacheDays?: number;
  /** Numbers asked of WhatsApp per profile per minute; more is refused with RATE_LIMITED. @default 60 */
  numberChecksPerMinute?: number;
  /** How long a profile picture URL is reused. @default 60 */
  pictureCacheMinutes?: number;
}

export interface SessionState {
  profileId: string;
  status: SessionStatus;
  me?: Profile["me"];
  qr?: string;
  queued: number;
}
