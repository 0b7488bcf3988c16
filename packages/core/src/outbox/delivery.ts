import type { WAMessage } from "../engine/types.js";
import { toJid } from "../jid.js";
import { toEngineContent, type MessageLookup } from "../session/content.js";
import type { MediaFetcher } from "../session/media.js";
import type { SessionRuntime } from "../session/runtime.js";
import type { OutboxItem } from "./outbox.js";
import type { Pacer } from "./pacing.js";
import type { MessageRecords } from "./records.js";
import { inSpan, SpanKind } from "../util/tracing.js";

/** Hands one queued item to the profile's live session: media fetched, typing shown when paced so. */
export async function deliverItem(
  runtime: SessionRuntime,
  item: OutboxItem,
  pacer: Pacer,
  deps: {
    fetchMedia: MediaFetcher;
    findMessage: MessageLookup;
    records: MessageRecords;
    onSent(sent: WAMessage): void;
  },
): Promise<WAMessage> {
  const session = runtime.requireSession();
  const content = await toEngineContent(item.content, deps.fetchMedia, deps.findMessage);
  if (
    pacer.settings.typing &&
    content.type === "text" &&
    session.sendPresence &&
    runtime.engine.capabilities.includes("presence")
  ) {
    await session.sendPresence("composing", item.to);
    await new Promise((r) => setTimeout(r, pacer.typingDuration(content.text)));
    await session.sendPresence("paused", item.to);
  }
  const sent = await inSpan(
    "multiwa.engine.send",
    SpanKind.CLIENT,
    () => ({
      "multiwa.engine": runtime.engine.name,
      "multiwa.profile.id": item.profileId,
      "multiwa.message.id": item.id,
      "multiwa.message.type": content.type,
    }),
    () =>
      session.send(item.to, content, {
        id: item.id,
        ...(item.options.quotedId ? { quotedId: item.options.quotedId } : {}),
        ...(item.options.mentions ? { mentions: item.options.mentions.map((m) => toJid(m, "mentions")) } : {}),
      }),
  );
  if (sent.id !== item.id) await deps.records.alias(item.profileId, item.id, sent.id);
  // Engines report messages sent from other devices; our own sends are reported here, once.
  deps.onSent(sent);
  return sent;
}
