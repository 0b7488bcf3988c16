import type { Storage } from "unstorage";
import { z } from "zod";
import type { CallEnd, CallOffer } from "../engine/call-types.js";
import type { EngineLogger } from "../engine/types.js";
import { toJid } from "../jid.js";
import type { MessageRecord } from "../outbox/records.js";
import { parseInput } from "../schemas/parse.js";
import type { SendRequest } from "../schemas/message.js";
import type { SessionHost } from "../session/host.js";
import { KEYSPACE } from "../storage/keyspace.js";
import { CallLogQuerySchema, type CallLog, type CallLogQuery, type CallOutcome } from "./call-log.js";

export const CallRejectSchema = z.object({
  callId: z.string().min(1).max(128),
  /** The caller, as `call.received` named them. */
  from: z.string().min(1),
});

/** Per profile: reject every incoming call, optionally answering the caller with a text. */
export const CallSettingsSchema = z
  .object({
    autoReject: z.boolean(),
    /** Sent to the caller after an automatic reject; none when empty. */
    autoReply: z.string().max(4096).optional(),
  })
  .strict();
export type CallSettings = z.infer<typeof CallSettingsSchema>;

const DEFAULT_SETTINGS: CallSettings = { autoReject: false };

export interface CallsPorts {
  host: Pick<SessionHost, "invoke">;
  storage: Storage;
  log: CallLog;
  send(profileId: string, request: SendRequest): Promise<MessageRecord>;
  /** Rules with a call trigger (automation), after the log and the auto-reject setting. */
  ring(call: CallOffer & { profileId: string }): Promise<void>;
  logger: EngineLogger;
}

/** Calls reaching a profile: reject one, the profile's auto-reject setting, and the stored call log. */
export class Calls {
  private readonly host: CallsPorts["host"];
  private readonly storage: Storage;
  /** Rejects under way here, by `profileId|callId`: the engine's `rejected` ending names who rejected. */
  private readonly rejecting = new Map<string, Extract<CallOutcome, "rejected" | "auto_rejected">>();

  constructor(private readonly ports: CallsPorts) {
    this.host = ports.host;
    this.storage = ports.storage;
  }

  async reject(profileId: string, input: { callId: string; from: string }): Promise<void> {
    const { callId, from } = parseInput(CallRejectSchema, input, "call");
    await this.rejectAs(profileId, callId, toJid(from, "from"), "rejected");
  }

  /** A rule's `reject_call`: skipped when the call is over already (the auto-reject setting came first). */
  async rejectAutomatically(profileId: string, callId: string, from: string): Promise<void> {
    if (await this.ports.log.isOver(profileId, callId)) return;
    await this.rejectAs(profileId, callId, from, "auto_rejected");
  }

  /** The profile's calls, newest first. */
  async log(profileId: string, query: CallLogQuery = {}) {
    return this.ports.log.list(profileId, parseInput(CallLogQuerySchema, query, "query"));
  }

  /** Listener for `call.ended` on the node holding the session. */
  async onEnded(end: CallEnd & { profileId: string }): Promise<void> {
    const outcome = end.reason === "rejected" ? (this.rejecting.get(keyOf(end)) ?? "rejected") : end.reason;
    await this.ports.log.ended(end.profileId, end.callId, outcome, end.timestamp);
  }

  async settings(profileId: string): Promise<CallSettings> {
    return (await this.storage.getItem<CallSettings>(key(profileId))) ?? DEFAULT_SETTINGS;
  }

  async putSettings(profileId: string, input: CallSettings): Promise<CallSettings> {
    const settings = parseInput(CallSettingsSchema, input, "settings");
    await this.storage.setItem(key(profileId), settings);
    return settings;
  }

  /**
   * Listener for `call.received` on the node holding the session. The reply's idempotency key is the call
   * id, so a call reported twice (offline, then live) is answered once.
   */
  async onCall(call: CallOffer & { profileId: string }): Promise<void> {
    await this.ports.log.offered(call.profileId, call);
    if (call.offline) return; // rang while we were away: long over
    await this.autoReject(call);
    await this.ports.ring(call);
  }

  // --- Internal helpers ---

  private async autoReject(call: CallOffer & { profileId: string }): Promise<void> {
    const settings = await this.settings(call.profileId);
    if (!settings.autoReject) return;
    try {
      await this.rejectAs(call.profileId, call.callId, call.from, "auto_rejected");
      if (settings.autoReply && !call.isGroup)
        await this.ports.send(call.profileId, {
          to: call.from,
          content: { type: "text", text: settings.autoReply },
          options: { idempotencyKey: `call-reply:${call.callId}` },
        });
    } catch (error) {
      this.ports.logger.warn("automatic call reject failed", {
        profileId: call.profileId,
        callId: call.callId,
        error,
      });
    }
  }

  private async rejectAs(
    profileId: string,
    callId: string,
    from: string,
    outcome: "rejected" | "auto_rejected",
  ): Promise<void> {
    const k = keyOf({ profileId, callId });
    this.rejecting.set(k, outcome);
    try {
      await this.host.invoke(profileId, "rejectCall", callId, from);
      await this.ports.log.ended(profileId, callId, outcome, Date.now());
    } finally {
      this.rejecting.delete(k);
    }
  }
}

function keyOf(call: { profileId: string; callId: string }): string {
  return `${call.profileId}|${call.callId}`;
}

function key(profileId: string): string {
  return `${KEYSPACE.callSettings.prefix}:${profileId}`;
}
