import type { Storage } from "unstorage";
import { z } from "zod";
import type { CallOffer } from "../engine/call-types.js";
import type { EngineLogger } from "../engine/types.js";
import { toJid } from "../jid.js";
import type { MessageRecord } from "../outbox/records.js";
import { parseInput } from "../schemas/parse.js";
import type { SendRequest } from "../schemas/message.js";
import type { SessionHost } from "../session/host.js";
import { KEYSPACE } from "../storage/keyspace.js";

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

/** Calls reaching a profile: reject one, and the profile's auto-reject setting. */
export class Calls {
  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    private readonly storage: Storage,
    private readonly send: (profileId: string, request: SendRequest) => Promise<MessageRecord>,
    private readonly logger: EngineLogger,
  ) {}

  async reject(profileId: string, input: { callId: string; from: string }): Promise<void> {
    const { callId, from } = parseInput(CallRejectSchema, input, "call");
    await this.host.invoke(profileId, "rejectCall", callId, toJid(from, "from"));
  }

  async settings(profileId: string): Promise<CallSettings> {
    return (await this.storage.getItem<CallSettings>(key(profileId))) ?? DEFAULT_SETTINGS;
  }

  async putSettings(profileId: string, input: CallSettings): Promise<CallSettings> {
    const settings = parseInput(CallSettingsSchema, input, "settings");
    await this.storage.setItem(key(profileId), settings);
    return settings;
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.storage.removeItem(key(profileId));
  }

  /**
   * Listener for `call.received` on the node holding the session. The reply's idempotency key is the call
   * id, so a call reported twice (offline, then live) is answered once.
   */
  async onCall(call: CallOffer & { profileId: string }): Promise<void> {
    if (call.offline) return; // rang while we were away: long over
    const settings = await this.settings(call.profileId);
    if (!settings.autoReject) return;
    try {
      await this.host.invoke(call.profileId, "rejectCall", call.callId, call.from);
      if (settings.autoReply && !call.isGroup)
        await this.send(call.profileId, {
          to: call.from,
          content: { type: "text", text: settings.autoReply },
          options: { idempotencyKey: `call-reply:${call.callId}` },
        });
    } catch (error) {
      this.logger.warn("automatic call reject failed", { profileId: call.profileId, callId: call.callId, error });
    }
  }
}

function key(profileId: string): string {
  return `${KEYSPACE.callSettings.prefix}:${profileId}`;
}
