import type { Storage } from "unstorage";
import { sendCapability } from "../engine/capabilities.js";
import { assertCapability } from "../engine/guard.js";
import { PIN_DURATIONS, type PinDuration, type PresenceState, type WAMessage } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { EmitFn } from "../events.js";
import type { MessageHistory } from "../history/history.js";
import { toJid } from "../jid.js";
import type { MessageRecord, MessageRecords, QueueDepth } from "../outbox/records.js";
import { SendRequestSchema, type SendRequest } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import type { LocalSessions } from "../session/local-host.js";
import type { ProfileSettingsStore } from "../session/settings.js";
import { forwardSourceMissing } from "../session/content.js";
import { profileAuthStorage } from "../storage/keyspace.js";
import type { RenderData } from "../templates/render.js";
import { renderTemplateFor } from "../templates/render-for.js";
import type { Template } from "../templates/store.js";
import { storedMessageRef } from "./stored-ref.js";

export interface MessagesPorts {
  host: Pick<SessionHost, "invoke" | "isRunningHere">;
  /** The send queues: any node stores a send; the node running the profile delivers it. */
  queues: Pick<LocalSessions, "engineOf" | "outbox">;
  records: MessageRecords;
  history: MessageHistory;
  settings: ProfileSettingsStore;
  storage: Storage;
  emit: EmitFn;
  /** Tells the node running the profile that messages wait in its queue. */
  wake(profileId: string): void;
}

/** `wa.messages`: sends through the durable queue; reads, receipts, presence and media through the host. */
export class Messages {
  constructor(private readonly ports: MessagesPorts) {}

  /** Validates, persists and queues a message; resolves with its record once it is safe on disk. */
  async send(profileId: string, request: SendRequest): Promise<MessageRecord> {
    const { to, content, options = {} } = parseInput(SendRequestSchema, request, "message");
    const jid = toJid(to);
    const { queues, settings, storage } = this.ports;
    const engine = await queues.engineOf(profileId);
    assertCapability(engine, sendCapability(content.type));
    if (options.quotedId) assertCapability(engine, "send.reply");
    if (content.type === "text" && content.linkPreview) assertCapability(engine, "send.linkPreview");
    // A forward of a message the history does not have is refused now, not at delivery.
    if (content.type === "forward" && !(await this.ports.history.message(profileId, content.messageId)))
      throw forwardSourceMissing(content.messageId);
    // The platform's own rules (the official API's 24-hour window), checked before anything is queued.
    await engine.preflight?.({
      profileId,
      storage: profileAuthStorage(storage, profileId),
      settings: await settings.get(profileId),
      to: jid,
      content,
    });
    const record = await (await queues.outbox(profileId)).enqueue(jid, content, options);
    this.ports.emit("message.queued", { ...record, profileId });
    if (!this.ports.host.isRunningHere(profileId)) this.ports.wake(profileId);
    return record;
  }

  /**
   * Sends a saved template to one recipient, rendered for the profile's engine: its linked platform
   * template on the Cloud API, text elsewhere (issue #22). `data` fills its variables.
   */
  async sendTemplate(
    profileId: string,
    template: Pick<Template, "body" | "media" | "defaults" | "businessTemplate">,
    to: string,
    data: RenderData = {},
    options?: SendRequest["options"],
  ): Promise<MessageRecord> {
    const engine = await this.ports.queues.engineOf(profileId);
    const content = renderTemplateFor(template, data, engine);
    return this.send(profileId, { to, content, ...(options ? { options } : {}) });
  }

  /** `send`, then waits until the engine has taken the message (or it failed). */
  async sendAndWait(profileId: string, request: SendRequest, timeoutMs = 60_000): Promise<MessageRecord> {
    const record = await this.send(profileId, request);
    return this.wait(profileId, record.id, timeoutMs);
  }

  /** Forwards a message from the history to `to`, through the queue like any send (issue #20). */
  forward(profileId: string, messageId: string, to: string, options?: SendRequest["options"]): Promise<MessageRecord> {
    return this.send(profileId, { to, content: { type: "forward", messageId }, ...(options ? { options } : {}) });
  }

  /** Pins a message from the history in its chat for `seconds` (24 h, 7 d or 30 d), or unpins it with `null`. */
  async pin(profileId: string, messageId: string, seconds: PinDuration | null): Promise<void> {
    if (seconds !== null && !PIN_DURATIONS.includes(seconds))
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `A pin lasts ${PIN_DURATIONS.join(", ")} seconds or is removed (null)`,
        {
          details: { field: "seconds", value: seconds },
        },
      );
    const { message, ref } = await storedMessageRef(this.ports.history, profileId, messageId);
    await this.ports.host.invoke(profileId, "pinMessage", message.chatId, ref, seconds);
  }

  async get(profileId: string, messageId: string): Promise<MessageRecord> {
    const record = await this.ports.records.get(profileId, messageId);
    if (!record)
      throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} on profile "${profileId}"`, {
        details: { profileId, messageId },
      });
    return record;
  }

  /** Every profile's waiting sends (depth, oldest accepted time), across the gateway, in one read: for metrics. */
  queues(): Promise<QueueDepth[]> {
    return this.ports.records.queues();
  }

  /** Resolves once the message left the queue (sent or failed); TIMEOUT when it is still queued by then. */
  async wait(profileId: string, messageId: string, timeoutMs = 60_000): Promise<MessageRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.get(profileId, messageId);
      if (current.status !== "queued" && current.status !== "sending") return current;
      if (Date.now() > deadline)
        throw new MultiWAError("TIMEOUT", `Message ${messageId} still ${current.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async markRead(profileId: string, chatId: string, ids: string[], sender?: string): Promise<void> {
    const jid = toJid(chatId, "chatId");
    await this.ports.host.invoke(profileId, "markRead", jid, ids, sender && toJid(sender, "sender"));
    await this.ports.history.markRead(profileId, jid);
  }

  presence(profileId: string, state: PresenceState, to?: string): Promise<void> {
    return this.ports.host.invoke(profileId, "sendPresence", state, to && toJid(to));
  }

  downloadMedia(profileId: string, message: WAMessage): Promise<Uint8Array> {
    return this.ports.host.invoke(profileId, "downloadMedia", message);
  }
}
