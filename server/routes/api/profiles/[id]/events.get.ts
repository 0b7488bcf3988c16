import { getRequestHeader } from "h3";
import { useEventJournal, type JournalEntry } from "#lib/event-journal.js";
import { eventStream } from "#lib/authz/streams.js";
import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.streamEvents, async ({ event, wa, params }) => {
  const journal = useEventJournal(wa);
  const stream = eventStream(event);
  const push = (entry: JournalEntry) =>
    void stream.push({ id: entry.id, event: entry.event, data: JSON.stringify(entry.payload) });
  // Replayed and subscribed in one tick: nothing can fall between the two.
  const lastId = getRequestHeader(event, "last-event-id");
  const missed = lastId ? journal.since(params.id, lastId) : undefined;
  const unsubscribe = journal.subscribe((entry) => entry.payload.profileId === params.id && push(entry));
  stream.onClosed(unsubscribe);
  // Flushes the headers at once and tells the client its subscription is live (and whether a gap could not be filled).
  void stream.push({
    event: "ready",
    data: JSON.stringify({
      profileId: params.id,
      ...(missed ? { replayed: missed.entries.length, complete: missed.complete } : {}),
    }),
  });
  for (const entry of missed?.entries ?? []) push(entry);
  return stream.send();
});
