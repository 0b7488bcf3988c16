import type { MessageHistory } from "../history/history.js";
import type { Storage } from "unstorage";
import type { MediaRefStore } from "../history/media-refs.js";
import type { PlatformIdStore } from "../platform-ids/store.js";
import { assertCapability, capabilityMethod, type SessionMethod } from "../engine/guard.js";
import type { Engine, EngineLogger, WAMessage } from "../engine/types.js";
import type { HistoryBatch } from "../engine/history-types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { EmitFn } from "../events.js";
import { toJid } from "../jid.js";
import type { Database } from "../db/types.js";
import type { OutboundClient } from "../net/client.js";
import { deliverItem } from "../outbox/delivery.js";
import { Outbox, type OutboxItem } from "../outbox/outbox.js";
import { resolvePacing, type Pacer, type PacingInput } from "../outbox/pacing.js";
import type { MessageRecords } from "../outbox/records.js";
import type { SessionState } from "../options.js";
import { parseInput } from "../schemas/parse.js";
import { profileAuthStorage } from "../storage/keyspace.js";
import type { TickBatch } from "../util/tick-batch.js";
import { BackoffSchema, type BackoffInput } from "./backoff.js";
import type { SessionArgs, SessionHost, SessionResult } from "./host.js";
import type { LeaseStore } from "./lease.js";
import { guardedMediaFetcher, type MediaFetcher } from "./media.js";
import type { Profile, ProfileStore } from "./profiles.js";
import { leaseKey, SessionRuntime } from "./runtime.js";
import type { ProfileSettingsStore } from "./settings.js";
import type { Proxies } from "../proxy/proxies.js";

/** What the sessions of this node need from the rest of the library. */
export interface LocalSessionsPorts {
  engines: Readonly<Record<string, Engine>>;
  profiles: ProfileStore;
  settings: ProfileSettingsStore;
  /** Each profile's proxies, read at every connection attempt. */
  proxies?: Pick<Proxies, "plan">;
  storage: Storage;
  database: Database;
  batch: TickBatch;
  records: MessageRecords;
  leases: LeaseStore;
  outbound: OutboundClient;
  nodeId: string;
  logger: EngineLogger;
  emit: EmitFn;
  leaseTtlMs: number;
  /** How long a WhatsApp limit without an end holds an ordinary send. */
  limitWindowMs?: number;
  reconnect?: BackoffInput;
  pacing?: PacingInput;
  fetchMedia?: MediaFetcher;
  /** Where forwards find the message they forward. */
  history: Pick<MessageHistory, "message">;
  /** Where engines' history chunks go (issue #21). */
  importHistory?(profileId: string, batch: HistoryBatch): Promise<void>;
  /** Links of message ids to the platform's (Cloud API wamids), handed to each engine session. */
  platformIds?: Pick<PlatformIdStore, "forProfile">;
  /** Media references beside the history, handed to each engine session. */
  mediaRefs?: Pick<MediaRefStore, "forProfile">;
}

/**
 * The sessions this process runs: one `SessionRuntime` (connection, lease, reconnects) and one `Outbox`
 * (the profile's send queue) per profile, and the delivery of queued items to the live engine.
 */
export class LocalSessions implements SessionHost {
  private readonly runtimes = new Map<string, SessionRuntime>();
  private readonly outboxes = new Map<string, Outbox>();
  private mediaFetcher?: MediaFetcher;

  constructor(private readonly ports: LocalSessionsPorts) {}

  async start(id: string): Promise<SessionState> {
    const runtime = await this.runtime(id);
    await this.ports.profiles.update(id, { desired: "running" });
    await runtime.start();
    const restored = await this.outbox(id).then((o) => o.restore());
    if (restored) this.ports.logger.info(`restored ${restored} queued messages`, { profileId: id });
    return this.status(id);
  }

  async stop(id: string): Promise<SessionState> {
    await this.ports.profiles.update(id, { desired: "stopped" });
    await this.release(id);
    return this.status(id);
  }

  async restart(id: string): Promise<SessionState> {
    await this.stop(id);
    return this.start(id);
  }

  async release(id: string): Promise<void> {
    await this.dropOutbox(id);
    await this.runtimes.get(id)?.stop();
  }

  async forget(id: string): Promise<void> {
    const runtime = this.runtimes.get(id);
    await this.dropOutbox(id);
    this.runtimes.delete(id);
    await runtime?.stop();
  }

  async logout(id: string): Promise<SessionState> {
    const runtime = await this.runtime(id);
    await this.dropOutbox(id);
    await runtime.logout();
    await this.ports.profiles.update(id, { desired: "stopped" });
    return this.status(id);
  }

  isRunningHere(id: string): boolean {
    const status = this.runtimes.get(id)?.status;
    return (
      status !== undefined &&
      status !== "stopped" &&
      status !== "logged_out" &&
      status !== "conflict" &&
      status !== "failed"
    );
  }

  async remoteOwner(id: string): Promise<string | undefined> {
    if (this.isRunningHere(id)) return undefined;
    const holder = await this.ports.leases.holder?.(leaseKey(id));
    return holder && holder !== this.ports.nodeId ? holder : undefined;
  }

  async status(id: string): Promise<SessionState> {
    const profile = await this.ports.profiles.get(id);
    const runtime = this.runtimes.get(id);
    const qr = runtime?.qr.latest;
    return {
      profileId: id,
      status: runtime?.status ?? profile.status,
      queued: this.outboxes.get(id)?.size ?? 0,
      ...((runtime?.me ?? profile.me) ? { me: runtime?.me ?? profile.me } : {}),
      ...(qr ? { qr } : {}),
    };
  }

  async *qr(id: string, signal?: AbortSignal): AsyncGenerator<string> {
    const runtime = await this.runtime(id);
    yield* runtime.qr.stream(signal);
  }

  async requestPairingCode(id: string, phone: string): Promise<string> {
    const runtime = await this.runtime(id);
    assertCapability(runtime.engine, "login.pairingCode");
    if (runtime.status === "stopped" || runtime.status === "logged_out") await this.start(id);
    // Pairing happens before the session opens: the connecting session takes it.
    const session = runtime.session;
    if (!session)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", `Profile "${id}" has no connection to pair`, {
        details: { profileId: id },
      });
    return capabilityMethod(runtime.engine, session, "requestPairingCode")(toJid(phone, "phone").split("@")[0]!);
  }

  async ingest(id: string, payload: unknown): Promise<void> {
    const runtime = await this.runtime(id);
    const session = runtime.session;
    if (!session?.ingest) {
      throw new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        `Profile "${id}" has no running session that takes pushed payloads`,
        { details: { profileId: id, status: runtime.status } },
      );
    }
    await session.ingest(payload);
  }

  async invoke<M extends SessionMethod>(id: string, method: M, ...args: SessionArgs<M>): Promise<SessionResult<M>> {
    const runtime = await this.runtime(id);
    const session = runtime.requireSession();
    const bound = capabilityMethod(runtime.engine, session, method) as (...a: unknown[]) => Promise<SessionResult<M>>;
    return bound(...args);
  }

  /** Reconnects every profile that should be running (after a restart), never one another node holds. */
  async restore(): Promise<string[]> {
    const wanted = await this.ports.profiles.list({ desired: "running" });
    const started: string[] = [];
    for (const profile of wanted) {
      try {
        await this.start(profile.id);
        started.push(profile.id);
      } catch (error) {
        // Another node holding the lease is normal in a cluster.
        if (isMultiWAError(error, "SESSION_NOT_OWNED")) this.ports.logger.info(`${profile.id} runs on another node`);
        else this.ports.logger.warn(`could not restore ${profile.id}`, error);
      }
    }
    return started;
  }

  /** The engine a profile runs on (its session need not be connected). */
  async engineOf(id: string): Promise<Engine> {
    return (await this.runtime(id)).engine;
  }

  /** The profile's send queue; items queued here for a profile another node runs wait in storage for it. */
  async outbox(id: string): Promise<Outbox> {
    const existing = this.outboxes.get(id);
    if (existing) return existing;
    const [profile, runtime] = await Promise.all([this.ports.profiles.get(id), this.runtime(id)]);
    const outbox = new Outbox({
      database: this.ports.database,
      batch: this.ports.batch,
      records: this.ports.records,
      profileId: id,
      pacing: resolvePacing(this.ports.pacing, profile.pacing),
      waitUntilOpen: (signal) => runtime.waitUntilOpen(signal),
      leaseEpoch: () => runtime.leaseEpoch,
      deliver: (item, pacer) => this.deliver(runtime, item, pacer),
      onFailed: (item, error) =>
        this.ports.emit("message.failed", { profileId: id, id: item.id, to: item.to, error: error.toJSON() }),
      onHeld: (item, hold, error) =>
        this.ports.emit("message.held", {
          profileId: id,
          id: item.id,
          to: item.to,
          until: hold.until,
          holds: hold.holds,
          error,
        }),
      ...(this.ports.limitWindowMs ? { limitWindowMs: this.ports.limitWindowMs } : {}),
    });
    this.outboxes.set(id, outbox);
    return outbox;
  }

  /** A profile's pacing changed: the running queue takes it at once. */
  updatePacing(profile: Profile): void {
    this.outboxes.get(profile.id)?.updatePacing(resolvePacing(this.ports.pacing, profile.pacing));
  }

  /**
   * Picks up messages another node queued for a profile running here whose wake-up never arrived
   * (that node died right after storing them). Resolves with how many were found.
   */
  async resumeQueued(id: string): Promise<number> {
    return this.isRunningHere(id) ? ((await this.outboxes.get(id)?.restore()) ?? 0) : 0;
  }

  /** Disconnects every session here (credentials and queues stay) and releases their leases. */
  async close(): Promise<void> {
    await Promise.all([...this.outboxes.keys()].map((id) => this.dropOutbox(id)));
    await Promise.all([...this.runtimes.values()].map((r) => r.stop()));
  }

  // --- Internal helpers ---

  private async runtime(id: string): Promise<SessionRuntime> {
    const existing = this.runtimes.get(id);
    if (existing) return existing;
    const { profiles, engines, storage, settings, logger } = this.ports;
    const profile = await profiles.get(id);
    const engine = engines[profile.engine];
    if (!engine) throw engineNotFound(profile.engine);
    const runtime = new SessionRuntime({
      profileId: id,
      engine,
      authStorage: profileAuthStorage(storage, id),
      backoff: parseInput(BackoffSchema, this.ports.reconnect ?? {}, "reconnect"),
      leases: this.ports.leases,
      nodeId: this.ports.nodeId,
      leaseTtlMs: this.ports.leaseTtlMs,
      logger: logger.child?.({ profileId: id }) ?? logger,
      // WhatsApp's late refusal for a limit holds an ordinary send (issue #21): no failure to report then.
      emit: ((event: string, payload: { id: string; error: { code: string; message: string } }) =>
        event === "message.failed" && this.outboxes.get(id)?.holdRefused(payload.id, payload.error)
          ? undefined
          : this.ports.emit(event as never, payload as never)) as EmitFn,
      settings: () => settings.get(id),
      ...(this.ports.platformIds ? { messageIds: this.ports.platformIds.forProfile(id) } : {}),
      ...(this.ports.mediaRefs ? { mediaRefs: this.ports.mediaRefs.forProfile(id) } : {}),
      ...(this.ports.proxies ? { proxies: () => this.ports.proxies!.plan(id) } : {}),
      ...(this.ports.importHistory ? { importHistory: (batch) => this.ports.importHistory!(id, batch) } : {}),
      onStatus: async (status, me) => {
        // A forgotten runtime's late news must not reach a new profile under the same id.
        if (this.runtimes.get(id) !== runtime || !(await profiles.find(id))) return;
        await profiles.update(id, { status, ...(me ? { me } : {}) });
      },
    });
    this.runtimes.set(id, runtime);
    return runtime;
  }

  private async dropOutbox(id: string): Promise<void> {
    const outbox = this.outboxes.get(id);
    this.outboxes.delete(id);
    await outbox?.stop();
  }

  private deliver(runtime: SessionRuntime, item: OutboxItem, pacer: Pacer): Promise<WAMessage> {
    return deliverItem(runtime, item, pacer, {
      fetchMedia: this.ports.fetchMedia ?? (this.mediaFetcher ??= guardedMediaFetcher(this.ports.outbound)),
      findMessage: (messageId) => this.ports.history.message(item.profileId, messageId),
      records: this.ports.records,
      onSent: (sent) => this.ports.emit("message.sent", { ...sent, profileId: item.profileId }),
    });
  }
}

export function engineNotFound(name: string): MultiWAError {
  return new MultiWAError("ENGINE_NOT_FOUND", `No engine named "${name}" is configured`, {
    details: { field: "engine", value: name },
  });
}
