import type { EngineLogger } from "./engine/types.js";
import type { MultiWAEvents } from "./events.js";
import type { MultiWA } from "./multiwa.js";

/**
 * What this node records of its own events: contacts of whoever writes in, message statuses from
 * receipts, analytics, chat history (with poll votes) and webhook deliveries. Other nodes' events (the bus) are not
 * recorded here: their owner records them.
 */
export function wireBookkeeping(wa: MultiWA, deps: { ownSends: Set<string>; logger: EngineLogger }): void {
  const { logger } = deps;
  // Whoever writes in becomes a contact of the profile's workspace; automation then answers with that contact.
  wa.on("message.received", (m) => {
    if (m.fromMe || m.chatId.endsWith("@g.us")) return;
    void (async () => {
      const profile = await wa.profiles.find(m.profileId);
      if (!profile) return;
      const contact = await wa.contacts.touch(profile.workspaceId, m.senderPhone ?? m.sender, m.timestamp, m.pushName);
      await wa.automation.onMessage(m, { workspaceId: profile.workspaceId, ...(contact ? { contact } : {}) });
    })().catch((e: unknown) => logger.warn("contact update failed", e));
  });
  wa.on("message.delivered", (e) => void advanceAll(wa, e.profileId, e.ids, "delivered"));
  wa.on("message.read", (e) => void advanceAll(wa, e.profileId, e.ids, "read"));
  // A platform's late refusal (an official API's failed status) fails the record with its error.
  wa.on("message.failed", (e) => {
    void (async () => {
      const id = await wa.records.resolve(e.profileId, e.id);
      await wa.records.advance(e.profileId, id, "failed", { error: { code: e.error.code, message: e.error.message } });
    })().catch(() => undefined);
  });
  wa.on("message.received", (m) => wa.analytics.received(m.profileId, m.chatId, m.sender));
  wa.on("message.sent", (m) => wa.analytics.sent(m.profileId, m.chatId));
  wa.on("message.failed", (m) => wa.analytics.count(m.profileId, "failed"));
  const record = ({ profileId, ...message }: MultiWAEvents["message.received"]) => {
    // This process's own sends cannot be in the history yet: no duplicate check needed.
    const unique = deps.ownSends.delete(message.id);
    void wa.history.record(profileId, message, { unique }).catch((e: unknown) => logger.warn("history write failed", e));
  };
  wa.on("message.received", record);
  wa.on("message.sent", record);
  wa.on("poll.vote", ({ profileId, ...vote }) => void wa.history.recordVote(profileId, vote).catch((e: unknown) => logger.warn("poll vote write failed", e)));
  wa.on("*", (event, payload) => void wa.webhooks.dispatch(event, payload).catch((e: unknown) => logger.warn("webhook enqueue failed", e)));
}

async function advanceAll(wa: MultiWA, profileId: string, ids: string[], status: "delivered" | "read"): Promise<void> {
  for (const reported of ids) {
    const messageId = await wa.records.resolve(profileId, reported);
    await wa.records
      .advance(profileId, messageId, status, {}, (_, previous) => {
        // A read receipt that arrives first still means the message was delivered.
        if (status === "read" && previous !== "delivered") wa.analytics.count(profileId, "delivered");
        wa.analytics.count(profileId, status);
      })
      .catch(() => undefined);
  }
}
