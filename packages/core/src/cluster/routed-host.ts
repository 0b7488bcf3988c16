import { randomUUID } from "node:crypto";
import type { EventEmitter } from "eventemitter3";
import { isSessionMethod, type SessionMethod } from "../engine/guard.js";
import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError, MULTIWA_ERROR_CODES, MultiWAError, type MultiWAErrorCode } from "../errors.js";
import type { MultiWAListeners } from "../events.js";
import type { SessionState } from "../options.js";
import type { SessionArgs, SessionHost, SessionResult } from "../session/host.js";
import type { LocalSessions } from "../session/local-host.js";
import type { ProfileStore } from "../session/profiles.js";
import type { BusMessage, ClusterBus, SessionCall, WireError } from "./bus.js";
import { RemoteSessionView } from "./remote-view.js";
import { fromWire, toWire } from "./wire.js";

export interface RoutedSessionsOptions {
  bus: ClusterBus;
  nodeId: string;
  /** How long a caller waits for the owner's answer. @default 15000 */
  timeoutMs?: number;
  logger: EngineLogger;
  /** Every node's events: the QR codes and statuses of sessions other nodes run. */
  events: EventEmitter<MultiWAListeners>;
  profiles: ProfileStore;
}

type Pending = { resolve(value: unknown): void; reject(error: unknown): void; timer: NodeJS.Timeout };

/**
 * The sessions of a cluster: a call reaching a node that does not hold the profile's lease goes through
 * the bus to the node that does, which runs it on its `LocalSessions` (never forwarding again, so calls
 * cannot bounce); a profile nobody holds runs here. Status and QR of another node's session come from
 * the shared view, never waiting on the owner. When the owner does not answer in time (it died and its
 * lease has not expired yet) the caller gets SESSION_NOT_OWNED, which is worth retrying.
 */
export class RoutedSessions implements SessionHost {
  private readonly pending = new Map<string, Pending>();
  private readonly view: RemoteSessionView;

  constructor(
    private readonly local: LocalSessions,
    private readonly options: RoutedSessionsOptions,
  ) {
    this.view = new RemoteSessionView(options.events, options.profiles);
  }

  start(id: string): Promise<SessionState> {
    return this.route(id, { command: "start" }, () => this.local.start(id));
  }

  stop(id: string): Promise<SessionState> {
    return this.route(id, { command: "stop" }, () => this.local.stop(id));
  }

  restart(id: string): Promise<SessionState> {
    return this.route(id, { command: "restart" }, () => this.local.restart(id));
  }

  logout(id: string): Promise<SessionState> {
    return this.route(id, { command: "logout" }, () => this.local.logout(id));
  }

  /** Forgets the profile on the node running it, and here. */
  async forget(id: string): Promise<void> {
    await this.route(id, { command: "forget" }, () => Promise.resolve());
    await this.local.forget(id);
  }

  /** Releases what runs here only: another node's session is that node's to hand off. */
  release(id: string): Promise<void> {
    return this.local.release(id);
  }

  async status(id: string): Promise<SessionState> {
    return (await this.remoteOwner(id)) ? this.view.status(id) : this.local.status(id);
  }

  async *qr(id: string, signal?: AbortSignal): AsyncGenerator<string> {
    yield* (await this.remoteOwner(id)) ? this.view.qr(id, signal) : this.local.qr(id, signal);
  }

  requestPairingCode(id: string, phone: string): Promise<string> {
    return this.route(id, { command: "requestPairingCode", args: [phone] }, () =>
      this.local.requestPairingCode(id, phone),
    );
  }

  ingest(id: string, payload: unknown): Promise<void> {
    return this.route(id, { command: "ingest", args: [payload] }, () => this.local.ingest(id, payload));
  }

  isRunningHere(id: string): boolean {
    return this.local.isRunningHere(id);
  }

  remoteOwner(id: string): Promise<string | undefined> {
    return this.local.remoteOwner(id);
  }

  invoke<M extends SessionMethod>(id: string, method: M, ...args: SessionArgs<M>): Promise<SessionResult<M>> {
    return this.route(id, { command: "invoke", method, args }, () => this.local.invoke(id, method, ...args));
  }

  /** Calls addressed to this node and replies to its own calls. */
  onMessage(message: Extract<BusMessage, { kind: "call" | "reply" }>): void {
    if (message.kind === "call") return void this.answer(message);
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(fromWire(message.value));
    else
      waiting.reject(
        new MultiWAError(toCode(message.error.code), message.error.message.replace(/^\[multiwa\] /, ""), {
          details: message.error.details ?? {},
        }),
      );
  }

  /** Rejects calls still waiting (the node is closing). */
  close(): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new MultiWAError("SESSION_NOT_OWNED", "The gateway is shutting down"));
      this.pending.delete(id);
    }
  }

  // --- Internal helpers ---

  private async route<T>(
    profileId: string,
    call: Omit<SessionCall, "profileId" | "args"> & { args?: unknown[] },
    here: () => Promise<T>,
  ): Promise<T> {
    const owner = await this.remoteOwner(profileId);
    if (!owner) return here();
    return (await this.call(owner, { ...call, profileId, args: call.args ?? [] })) as T;
  }

  /** Runs `call` on node `owner` and resolves with its answer. */
  private call(owner: string, call: SessionCall): Promise<unknown> {
    const id = randomUUID();
    const { profileId } = call;
    const method = call.method ?? call.command;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new MultiWAError(
            "SESSION_NOT_OWNED",
            `Node "${owner}" runs profile "${profileId}" but did not answer ${method} within ${timeoutMs} ms; retry once its lease has moved`,
            { details: { profileId, owner, method, timeoutMs } },
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.options.bus
        .publish({ kind: "call", from: this.options.nodeId, id, ...call, args: toWire(call.args) as unknown[] }, owner)
        .catch((error: unknown) => {
          clearTimeout(timer);
          this.pending.delete(id);
          reject(
            new MultiWAError("STORAGE_FAILED", `Could not reach node "${owner}" through the bus`, {
              cause: error,
              details: { profileId, owner },
            }),
          );
        });
    });
  }

  private async answer(call: Extract<BusMessage, { kind: "call" }>): Promise<void> {
    const from = this.options.nodeId;
    let reply: BusMessage;
    try {
      const value = await this.runHere({ ...call, args: fromWire(call.args) as unknown[] });
      reply = { kind: "reply", from, id: call.id, ok: true, value: toWire(value) };
    } catch (error) {
      reply = { kind: "reply", from, id: call.id, ok: false, error: wireError(error) };
    }
    await this.options.bus
      .publish(reply, call.from)
      .catch((e: unknown) => this.options.logger.warn("could not answer a forwarded call", e));
  }

  /** A call another node forwarded: run on this node's own sessions. */
  private runHere({ command, method, profileId: id, args }: SessionCall): Promise<unknown> {
    const { local } = this;
    switch (command) {
      case "start":
      case "stop":
      case "restart":
      case "logout":
      case "forget":
        return local[command](id);
      case "requestPairingCode":
        return local.requestPairingCode(id, String(args[0]));
      case "ingest":
        return local.ingest(id, args[0]);
      case "invoke":
        if (method && isSessionMethod(method)) return local.invoke(id, method, ...(args as SessionArgs<typeof method>));
    }
    throw new MultiWAError("VALIDATION_FAILED", `"${method ?? command}" cannot be called on another node`);
  }
}

function wireError(error: unknown): WireError {
  if (isMultiWAError(error)) return error.toJSON();
  return { code: "SEND_FAILED", message: String((error as Error)?.message ?? error) };
}

function toCode(code: string): MultiWAErrorCode {
  return Object.hasOwn(MULTIWA_ERROR_CODES, code) ? (code as MultiWAErrorCode) : "SEND_FAILED";
}
