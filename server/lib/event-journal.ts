import type { MultiWA, MultiWAEventName } from "@multiwa/core";

export interface JournalEntry {
  id: string;
  event: MultiWAEventName;
  payload: { profileId: string };
}

/**
 * The last events of each profile on this node, numbered, so an SSE client that reconnects with
 * `Last-Event-ID` after a dropped connection gets what it missed. Ids carry this process's start,
 * so an id from before a restart is recognised as one whose gap cannot be filled.
 */
export class EventJournal {
  private readonly epoch = Date.now().toString(36);
  private seq = 0;
  private readonly recent = new Map<string, JournalEntry[]>();
  private readonly listeners = new Set<(entry: JournalEntry) => void>();

  constructor(
    wa: MultiWA,
    private readonly perProfile = 500,
  ) {
    wa.clusterEvents.on("*", ((event: MultiWAEventName, payload: { profileId?: string }) => {
      if (typeof payload?.profileId === "string") this.append(event, payload as { profileId: string });
    }) as never);
  }

  /** Entries of `profileId` after `lastId`; `complete` is false when some may be gone (too old or another process). */
  since(profileId: string, lastId: string): { entries: JournalEntry[]; complete: boolean } {
    const entries = this.recent.get(profileId) ?? [];
    const [epoch, seqText] = lastId.split("-");
    const seq = Number(seqText);
    if (epoch !== this.epoch || !Number.isInteger(seq)) return { entries, complete: false };
    const after = entries.filter((e) => Number(e.id.split("-")[1]) > seq);
    // Complete when the buffer still reaches back to the last seen event.
    const complete = entries.length < this.perProfile || Number(entries[0]!.id.split("-")[1]) <= seq + 1;
    return { entries: after, complete };
  }

  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private append(event: MultiWAEventName, payload: { profileId: string }): void {
    const entry: JournalEntry = { id: `${this.epoch}-${++this.seq}`, event, payload };
    const list = this.recent.get(payload.profileId) ?? [];
    list.push(entry);
    if (list.length > this.perProfile) list.shift();
    this.recent.set(payload.profileId, list);
    for (const listener of this.listeners) listener(entry);
  }
}

let journal: EventJournal | undefined;

/** The process's journal, started with the library (see plugins/01.multiwa.ts). */
export function useEventJournal(wa: MultiWA): EventJournal {
  journal ??= new EventJournal(wa);
  return journal;
}
