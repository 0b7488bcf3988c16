import type { EngineLogger } from "./engine/types.js";
import type { MultiWAEvents } from "./events.js";
import type { MultiWA } from "./multiwa.js";

/**
 * What this node records of its own events: contacts of whoever writes in, message statuses from
 * receipts, analytics, chat history (with poll votes) and webhook deliveries. Other nodes' events (the bus) are not
 * recorded here: their owner records them.
 */
export function wireBookkeeping(wa: MultiWA, deps: { logger: EngineLogger }): void {
  const { logger } = deps;
  // Whoever writes in becomes a contact of the profile's workspace; automation then answers with that contact.
  wa.on("message.received", (m) => {
    if (m.fromMe || m.chatId.endsWith("@g.us")) return;
    void (async () => {
      // Cached by the profiles (fixed at creation): not one read per inbound message.
      const workspaceId = await wa.profiles.workspaceOf(m.profileId);
      if (!workspaceId) return;
      const contact = await wa.contacts.touch(workspaceId, m.senderPhone ?? m.sender, m.timestamp, m.pushName);
      await wa.automation.onMessage(m, { workspaceId, ...(contact ? { contact } : {}) });
    })().catch((e: unknown) => logger.warn("contact update failed", e));
  });
  wa.on("message.delivered", (e) => advanceAll(wa, e.profileId, e.ids, "delivered"));
  wa.on("message.read", (e) => advanceAll(wa, e.profileId, e.ids, "read"));
  // A platform's late refusal (an official API's failed status) fails the record with its error.
  wa.on("message.failed", (e) => {
    const error = { code: e.error.code, message: e.error.message };
    void wa.records.advance(e.profileId, e.id, "failed", { error }).catch(() => undefined);
  });
  wa.on("message.received", (m) => wa.analytics.received(m.profileId, m.chatId, m.sender));
  wa.on("message.sent", (m) => wa.analytics.sent(m.profileId, m.chatId));
  wa.on("message.failed", (m) => wa.analytics.count(m.profileId, "failed"));
  // Written in the tick's transaction, with the message's status record and webhook deliveries.
  const record = ({ profileId, ...message }: MultiWAEvents["message.received"]) =>
    void wa.history.record(profileId, message).catch((e: unknown) => logger.warn("history write failed", e));
  wa.on("message.received", record);
  wa.on("message.sent", record);
  wa.on(
    "poll.vote",
    ({ profileId, ...vote }) =>
      void wa.history.recordVote(profileId, vote).catch((e: unknown) => logger.warn("poll vote write failed", e)),
  );
  // LID mappings the engine learnt, and pictures to fetch again after a change.
  const directory = (event: "id.mapping" | "contact.update") => (payload: MultiWAEvents[typeof event]) =>
    void Promise.resolve(wa.directory.onEvent(event, payload)).catch((e: unknown) =>
      logger.warn("directory update failed", e),
    );
  wa.on("id.mapping", directory("id.mapping"));
  wa.on("message.received", (m) => {
    if (m.senderPhone)
      void wa.directory
        .learnFromMessage(m.profileId, m.sender, m.senderPhone)
        .catch((e: unknown) => logger.warn("directory update failed", e));
  });
  wa.on("contact.update", directory("contact.update"));
  // Archive, pin, mute, unread mark, delete and clear made on the phone (issue #20).
  wa.on(
    "chat.update",
    ({ profileId, ...update }) =>
      void wa.history
        .applyChatUpdate(profileId, update)
        .catch((e: unknown) => logger.warn("chat update write failed", e)),
  );
  wa.on(
    "*",
    (event, payload) =>
      void wa.webhooks.dispatch(event, payload).catch((e: unknown) => logger.warn("webhook enqueue failed", e)),
  );
}

/** Receipts name our id or the engine's; one conditional update each, all in the tick's transaction. */
function advanceAll(wa: MultiWA, profileId: string, ids: string[], status: "delivered" | "read"): void {
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
