import { randomUUID } from "node:crypto";
import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError, MultiWAError, MultiWAErrorCodes, type MultiWAErrorCode } from "../errors.js";
import type { MultiWA } from "../multiwa.js";
import type { LeaseStore } from "../session/lease.js";
import { leaseKey } from "../session/runtime.js";
import type { BusMessage, ClusterBus, WireError } from "./bus.js";
import { RemoteSessionView } from "./remote-view.js";
import { fromWire, toWire } from "./wire.js";

/** Methods that need the live engine session, so they run on the node holding the profile's lease. */
export const OWNER_ONLY = [
  "start",
  "stop",
  "restart",
  "logout",
  "requestPairingCode",
  "markRead",
  "sendPresence",
  "downloadMedia",
  "createGroup",
  "groupInfo",
  "updateGroupParticipants",
  "groupInviteCode",
  "leaveGroup",
  "ingest",
] as const satisfies readonly (keyof MultiWA)[];
export type OwnerOnlyMethod = (typeof OWNER_ONLY)[number];

type LocalMethods = { [M in OwnerOnlyMethod]: MultiWA[M] };

export interface OwnerCallsOptions {
  bus: ClusterBus;
  leases: LeaseStore;
  nodeId: string;
  /** How long a caller waits for the owner's answer. @default 15000 */
  timeoutMs?: number;
  logger: EngineLogger;
}

/**
 * Sends owner-only calls through the bus to the node that runs the profile, whichever node the API
 * call reached. The owner runs them as local calls (never forwarding again, so calls cannot bounce);
 * a profile nobody holds runs here. When the owner does not answer in time (it died and its lease has
 * not expired yet) the caller gets SESSION_NOT_OWNED, which is worth retrying.
 */
export class OwnerCalls {
  /** The unforwarded methods: what this node does itself (takeover and rebalance use them). */
  readonly local = {} as LocalMethods;
  private readonly pending = new Map<
    string,
    { resolve(value: unknown): void; reject(error: unknown): void; timer: NodeJS.Timeout }
  >();
  private readonly view: RemoteSessionView;

  constructor(
    private readonly wa: MultiWA,
    private readonly options: OwnerCallsOptions,
  ) {
    this.view = new RemoteSessionView(wa);
    for (const method of OWNER_ONLY)
      (this.local as Record<string, unknown>)[method] = (wa[method] as (...a: unknown[]) => unknown).bind(wa);
  }

  /** Replaces the owner-only methods on `wa` with forwarding ones; status and QR come from the shared view. */
  install(): void {
    const { wa, view } = this;
    const status = wa.status.bind(wa);
    const qr = wa.qr.bind(wa);
    const remoteOwner = (id: string) => this.remoteOwner(id);
    wa.status = async (id) => ((await remoteOwner(id)) ? view.status(id) : status(id));
    wa.qr = async function* (id, signal) {
      yield* (await remoteOwner(id)) ? view.qr(id, signal) : qr(id, signal);
    };
    for (const method of OWNER_ONLY) {
      const local = this.local[method] as (id: string, ...rest: unknown[]) => Promise<unknown>;
      (this.wa as unknown as Record<string, unknown>)[method] = async (id: string, ...rest: unknown[]) => {
        const owner = await this.remoteOwner(id);
        return owner ? this.call(owner, id, method, [id, ...rest]) : local(id, ...rest);
      };
    }
  }

  /** The other node that holds the profile's lease, or undefined when it runs here or nowhere. */
  async remoteOwner(profileId: string): Promise<string | undefined> {
    if (this.wa.isRunningHere(profileId)) return undefined;
    const holder = await this.options.leases.holder?.(leaseKey(profileId));
    return holder && holder !== this.options.nodeId ? holder : undefined;
  }

  /** Runs `method` on node `owner` and resolves with its answer. */
  call(owner: string, profileId: string, method: OwnerOnlyMethod, args: unknown[]): Promise<unknown> {
    const id = randomUUID();
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new MultiWAError(
            "SESSION_NOT_OWNED",
            `Node "${owner}" runs profile "${profileId}" but did not answer ${method} within ${timeoutMs} ms; retry once its lease has moved`,
            {
              details: { profileId, owner, method, timeoutMs },
            },
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.options.bus
        .publish(
          { kind: "call", from: this.options.nodeId, id, profileId, method, args: toWire(args) as unknown[] },
          owner,
        )
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

  private async answer(call: Extract<BusMessage, { kind: "call" }>): Promise<void> {
    const local = this.local[call.method as OwnerOnlyMethod] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    const from = this.options.nodeId;
    let reply: BusMessage;
    try {
      if (!local) throw new MultiWAError("VALIDATION_FAILED", `"${call.method}" cannot be called on another node`);
      reply = {
        kind: "reply",
        from,
        id: call.id,
        ok: true,
        value: toWire(await local(...(fromWire(call.args) as unknown[]))),
      };
    } catch (error) {
      reply = { kind: "reply", from, id: call.id, ok: false, error: wireError(error) };
    }
    await this.options.bus
      .publish(reply, call.from)
      .catch((e: unknown) => this.options.logger.warn("could not answer a forwarded call", e));
  }
}

function wireError(error: unknown): WireError {
  if (isMultiWAError(error)) return error.toJSON();
  return { code: "SEND_FAILED", message: String((error as Error)?.message ?? error) };
}

function toCode(code: string): MultiWAErrorCode {
  return (MultiWAErrorCodes as readonly string[]).includes(code) ? (code as MultiWAErrorCode) : "SEND_FAILED";
}
