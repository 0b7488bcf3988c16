import type { Storage } from "unstorage";
import type {
  AccountInfo,
  DisconnectReason,
  Engine,
  EngineEventName,
  EngineEvents,
  EngineLogger,
  EngineMediaRefs,
  EngineMessageIds,
  EngineSession,
} from "../engine/types.js";
import type { HistoryBatch } from "../engine/history-types.js";
import { MultiWAError } from "../errors.js";
import type { EmitFn } from "../events.js";
import { backoffDelay, type Backoff } from "./backoff.js";
import type { LeaseStore } from "./lease.js";
import type { SessionStatus } from "./profiles.js";
import { QrFeed } from "./qr-feed.js";
import { clearPrefix } from "../storage/namespaces.js";
import { pickProxy, type ProxyPlan } from "../proxy/proxies.js";
import { inRootSpan, SpanKind } from "../util/tracing.js";

export interface RuntimeOptions {
  profileId: string;
  engine: Engine;
  authStorage: Storage;
  backoff: Backoff;
  leases: LeaseStore;
  nodeId: string;
  leaseTtlMs: number;
  logger: EngineLogger;
  emit: EmitFn;
  /** The profile's engine settings, read at each connection attempt (they may have been updated). */
  settings?(): Promise<Record<string, unknown>>;
  /** The profile's proxies, read at each connection attempt; the runtime picks one by its failures. */
  proxies?(): Promise<ProxyPlan>;
  /** The profile's message-id links to the platform's ids. */
  messageIds?: EngineMessageIds;
  /** Imports a chunk of history the engine downloaded (issue #21). */
  importHistory?(batch: HistoryBatch): Promise<void>;
  /** The profile's media references (history/media-refs.ts). */
  mediaRefs?: EngineMediaRefs;
  /** Persists status changes (and `me`) on the profile. */
  onStatus(status: SessionStatus, me?: AccountInfo): Promise<void>;
}

/**
 * Keeps one profile connected: creates engine sessions, reconnects with backoff by disconnect
 * reason, holds the profile's lease. Each connection attempt is a new engine session, and events
 * from an older attempt are ignored, so a slow close can never undo a newer open.
 */
export class SessionRuntime {
  status: SessionStatus = "stopped";
  me?: AccountInfo;
  session?: EngineSession;
  readonly qr = new QrFeed();
  private generation = 0;
  private epoch = 0;
  private attempts = 0;
  /** Failed or lost connections since this runtime exists: the proxy rotation's position, kept across opens. */
  private failures = 0;
  private wanted = false;
  private retryTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  private openWaiters = new Set<() => void>();

  constructor(private readonly options: RuntimeOptions) {}

  get engine(): Engine {
    return this.options.engine;
  }

  /** Grows each time this node acquires the profile; undefined while it does not hold it. */
  get leaseEpoch(): number | undefined {
    return this.wanted ? this.epoch : undefined;
  }

  async start(): Promise<void> {
    if (this.wanted) return;
    const { leases, profileId, nodeId, leaseTtlMs } = this.options;
    if (!(await leases.acquire(leaseKey(profileId), nodeId, leaseTtlMs))) {
      throw new MultiWAError("SESSION_NOT_OWNED", `Profile "${profileId}" is running on another node`, {
        details: { profileId },
      });
    }
    this.wanted = true;
    this.epoch++;
    this.attempts = 0;
    // Renew three times per period, so one slow tick never lets the lease lapse.
    this.leaseTimer = setInterval(() => void this.renewLease(), Math.max(100, leaseTtlMs / 3));
    this.leaseTimer.unref?.();
    await this.connect();
  }

  async stop(status: SessionStatus = "stopped", cause?: CloseCause): Promise<void> {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.leaseTimer);
    const session = this.session;
    this.session = undefined;
    this.generation++;
    await session?.disconnect().catch((error: unknown) => this.options.logger.warn("disconnect failed", error));
    this.qr.end();
    await this.setStatus(status, cause);
    await this.options.leases.release(leaseKey(this.options.profileId), this.options.nodeId);
  }

  /** Logs out on the engine when it can, and always forgets the credentials. */
  async logout(): Promise<void> {
    const session = this.session;
    if (session?.logout && this.status === "open")
      await session.logout().catch((e: unknown) => this.options.logger.warn("logout failed", e));
    await clearPrefix(this.options.authStorage);
    await this.stop("logged_out");
  }

  requireSession(): EngineSession {
    if (!this.session || this.status !== "open") {
      throw new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        `Profile "${this.options.profileId}" is not connected (status: ${this.status})`,
        {
          details: { profileId: this.options.profileId, status: this.status },
        },
      );
    }
    return this.session;
  }

  /** Resolves once the session is open; rejects if `signal` aborts first. */
  waitUntilOpen(signal?: AbortSignal): Promise<void> {
    if (this.status === "open") return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = () => (signal?.removeEventListener("abort", onAbort), resolve());
      const onAbort = () => (this.openWaiters.delete(done), reject(signal?.reason));
      this.openWaiters.add(done);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  // --- Internal helpers ---

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    await this.setStatus(this.attempts > 0 ? "reconnecting" : "connecting");
    const [settings, plan] = await Promise.all([this.options.settings?.(), this.options.proxies?.()]);
    if (generation !== this.generation) return;
    const proxy = plan && pickProxy(plan, this.failures);
    const session = this.options.engine.createSession({
      ...(settings ? { settings } : {}),
      ...(proxy ? { proxy } : {}),
      ...(this.options.messageIds ? { messageIds: this.options.messageIds } : {}),
      ...(this.options.mediaRefs ? { mediaRefs: this.options.mediaRefs } : {}),
      profileId: this.options.profileId,
      storage: this.options.authStorage,
      logger: this.options.logger,
      emit: (event, payload) => this.onEngineEvent(generation, event, payload),
      // Not dropped with a superseded attempt's events: WhatsApp sends history once, and a chunk is
      // acked before it is imported, so a restart mid-import would lose it. Importing is idempotent.
      ...(this.options.importHistory ? { importHistory: (batch) => this.options.importHistory!(batch) } : {}),
    });
    this.session = session;
    try {
      await session.connect();
    } catch (error) {
      this.options.logger.warn("connect failed", error);
      this.onEngineEvent(generation, "connection.update", {
        state: "close",
        reason: "connection_lost",
        message: String(error),
      });
    }
  }

  private onEngineEvent<K extends EngineEventName>(generation: number, event: K, payload: EngineEvents[K]): void {
    if (generation !== this.generation) return;
    if (event === "connection.update") void this.onConnection(payload as EngineEvents["connection.update"]);
    if (event === "qr") {
      this.qr.push((payload as EngineEvents["qr"]).qr);
      void this.setStatus("qr");
    }
    const emit = () => this.options.emit(event, { ...payload, profileId: this.options.profileId } as never);
    // An inbound message starts a trace: its webhook and event-transport deliveries continue it.
    if (event !== "message.received") return emit();
    inRootSpan(
      "multiwa.inbound",
      SpanKind.CONSUMER,
      () => ({
        "multiwa.event": event,
        "multiwa.engine": this.options.engine.name,
        "multiwa.profile.id": this.options.profileId,
        "multiwa.message.id": (payload as EngineEvents["message.received"]).id,
      }),
      emit,
    );
  }

  private async onConnection(update: EngineEvents["connection.update"]): Promise<void> {
    if (update.state === "open") {
      this.attempts = 0;
      this.me = update.me;
      await this.setStatus("open");
      for (const waiter of [...this.openWaiters]) waiter();
      this.openWaiters.clear();
      return;
    }
    if (update.state === "close") await this.onClose(update.reason, update.message);
  }

  private async onClose(reason: DisconnectReason, message?: string): Promise<void> {
    this.session = undefined;
    if (!this.wanted || reason === "closed") return;
    if (reason === "logged_out") {
      const generation = this.generation;
      await clearPrefix(this.options.authStorage);
      // A stop (our own logout) or a new start came while the credentials were cleared: it decides.
      if (generation !== this.generation) return;
      return this.stop("logged_out");
    }
    // Another client took over this account: reconnecting would fight it, so let a person decide.
    if (reason === "conflict") return this.stop("conflict");
    if (reason === "restart_required") return void this.connect();
    this.attempts++;
    this.failures++;
    const { maxAttempts } = this.options.backoff;
    const cause = { reason, ...(message ? { error: message } : {}) };
    if (maxAttempts > 0 && this.attempts > maxAttempts) return this.stop("failed", cause);
    await this.setStatus("reconnecting", cause);
    const delay = backoffDelay(this.attempts, this.options.backoff);
    this.options.logger.info(`reconnecting in ${delay} ms`, { attempt: this.attempts, ...cause });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private async renewLease(): Promise<void> {
    const { leases, profileId, nodeId, leaseTtlMs } = this.options;
    if (await leases.renew(leaseKey(profileId), nodeId, leaseTtlMs).catch(() => true)) return;
    this.options.logger.warn("lease lost; stopping here", { profileId });
    await this.stop("stopped");
  }

  private async setStatus(status: SessionStatus, cause?: CloseCause): Promise<void> {
    if (status === this.status) return;
    const previous = this.status;
    this.status = status;
    // A QR is void once anything else happens; readers stay only while a new one may still come.
    if (status === "connecting" || status === "reconnecting") this.qr.clear();
    else if (status !== "qr") this.qr.end();
    await this.options.onStatus(status, status === "open" ? this.me : undefined);
    this.options.emit("session.status", { profileId: this.options.profileId, status, previous, ...cause });
  }
}

/** Why a connection closed, as `session.status` reports it (`error`: the engine's words, e.g. an unreachable proxy). */
type CloseCause = { reason: DisconnectReason; error?: string };

export function leaseKey(profileId: string): string {
  return `session:${profileId}`;
}
