import type { EventEmitter } from "eventemitter3";
import type { Analytics } from "./analytics/analytics.js";
import type { Automation } from "./automation/automation.js";
import type { ContactStore } from "./contacts/store.js";
import type { Directory } from "./directory/directory.js";
import type { EngineLogger } from "./engine/types.js";
import type { MultiWAEvents, MultiWAListeners } from "./events.js";
import type { MessageHistory } from "./history/history.js";
import type { MessageRecords } from "./outbox/records.js";
import type { Profiles } from "./profiles/profiles.js";
import type { Webhooks } from "./webhooks/webhooks.js";
import type { MediaArchive } from "./media/archive.js";

/** What the bookkeeping writes to: each store only through the calls it makes. */
export interface BookkeepingPorts {
  profiles: Pick<Profiles, "workspaceOf">;
  contacts: Pick<ContactStore, "touch">;
  automation: Pick<Automation, "onMessage">;
  records: Pick<MessageRecords, "advance">;
  analytics: Pick<Analytics, "received" | "sent" | "count">;
  history: Pick<MessageHistory, "record" | "recordVote" | "applyChatUpdate">;
  directory: Pick<Directory, "onEvent" | "learnFromMessage">;
  webhooks: Pick<Webhooks, "dispatch">;
  /** With S3 media storage: copies a media message's bytes to the bucket before its webhook. */
  media?: Pick<MediaArchive, "wants" | "withMedia">;
  logger: EngineLogger;
}

/**
 * What this node records of its own events: contacts of whoever writes in, message statuses from
 * receipts, analytics, chat history (with poll votes) and webhook deliveries. Other nodes' events (the bus) are not
 * recorded here: their owner records them.
 */
export function wireBookkeeping(events: Pick<EventEmitter<MultiWAListeners>, "on">, wa: BookkeepingPorts): void {
  const { logger } = wa;
  // Whoever writes in becomes a contact of the profile's workspace; automation then answers with that contact.
  events.on("message.received", (m) => {
    if (m.fromMe || m.chatId.endsWith("@g.us")) return;
    void (async () => {
      // Cached by the profiles (fixed at creation): not one read per inbound message.
      const workspaceId = await wa.profiles.workspaceOf(m.profileId);
      if (!workspaceId) return;
      const contact = await wa.contacts.touch(workspaceId, m.senderPhone ?? m.sender, m.timestamp, m.pushName);
      await wa.automation.onMessage(m, { workspaceId, ...(contact ? { contact } : {}) });
    })().catch((e: unknown) => logger.warn("contact update failed", e));
  });
  events.on("message.delivered", (e) => advanceAll(wa, e.profileId, e.ids, "delivered"));
  events.on("message.read", (e) => advanceAll(wa, e.profileId, e.ids, "read"));
  // A platform's late refusal (an official API's failed status) fails the record with its error.
  events.on("message.failed", (e) => {
    const error = { code: e.error.code, message: e.error.message };
    void wa.records.advance(e.profileId, e.id, "failed", { error }).catch(() => undefined);
  });
  events.on("message.received", (m) => wa.analytics.received(m.profileId, m.chatId, m.sender));
  events.on("message.sent", (m) => wa.analytics.sent(m.profileId, m.chatId));
  events.on("message.failed", (m) => wa.analytics.count(m.profileId, "failed"));
  // Written in the tick's transaction, with the message's status record and webhook deliveries.
  const record = ({ profileId, ...message }: MultiWAEvents["message.received"]) =>
    void wa.history.record(profileId, message).catch((e: unknown) => logger.warn("history write failed", e));
  events.on("message.received", record);
  events.on("message.sent", record);
  events.on(
    "poll.vote",
    ({ profileId, ...vote }) =>
      void wa.history.recordVote(profileId, vote).catch((e: unknown) => logger.warn("poll vote write failed", e)),
  );
  // LID mappings the engine learnt, and pictures to fetch again after a change.
  const directory = (event: "id.mapping" | "contact.update") => (payload: MultiWAEvents[typeof event]) =>
    void Promise.resolve(wa.directory.onEvent(event, payload)).catch((e: unknown) =>
      logger.warn("directory update failed", e),
    );
  events.on("id.mapping", directory("id.mapping"));
  events.on("message.received", (m) => {
    if (m.senderPhone)
      void wa.directory
        .learnFromMessage(m.profileId, m.sender, m.senderPhone)
        .catch((e: unknown) => logger.warn("directory update failed", e));
  });
  events.on("contact.update", directory("contact.update"));
  // Archive, pin, mute, unread mark, delete and clear made on the phone (issue #20).
  events.on(
    "chat.update",
    ({ profileId, ...update }) =>
      void wa.history
        .applyChatUpdate(profileId, update)
        .catch((e: unknown) => logger.warn("chat update write failed", e)),
  );
  const enqueueFailed = (e: unknown) => logger.warn("webhook enqueue failed", e);
  events.on("*", (event, payload) => {
    // A media message's webhook waits for its copy in the bucket, so it can carry the signed URL.
    if (wa.media?.wants(event, payload))
      void wa.media
        .withMedia(payload)
        .then((withUrl) => wa.webhooks.dispatch(event, withUrl))
        .catch(enqueueFailed);
    else void wa.webhooks.dispatch(event, payload).catch(enqueueFailed);
  });
}

/** Receipts name our id or the engine's; one conditional update each, all in the tick's transaction. */
function advanceAll(
  wa: Pick<BookkeepingPorts, "records" | "analytics">,
  profileId: string,
  ids: string[],
  status: "delivered" | "read",
): void {
  for (const reported of ids) {
    void wa.records
      .advance(profileId, reported, status, {}, (_, previous) => {
        // A read receipt that arrives first still means the message was delivered.
        if (status === "read" && previous !== "delivered") wa.analytics.count(profileId, "delivered");
        wa.analytics.count(profileId, status);
      })
      .catch(() => undefined);
  }
}
