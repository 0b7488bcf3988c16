import { sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import { TickReads } from "../util/tick-reads.js";
import type { FlowRun } from "./schema.js";

export interface ChatKey {
  workspaceId: string;
  profileId: string;
  chatId: string;
}

/** What automation must know before it answers an inbound message. */
export interface InboundState {
  /** The workspace's rules-and-flows revision (0 before its first rule or flow). */
  revision: number;
  /** The chat's current (or last) flow run. */
  run: FlowRun | null;
}

/**
 * The revision and the chat's flow run for every inbound message of a tick, in one statement: they
 * were two reads per message (#18: 600 messages cost 1,200 automation reads before any rule matched).
 */
export class InboundStateReader {
  private readonly reads: TickReads<ChatKey, InboundState>;

  constructor(db: Db) {
    this.reads = new TickReads((keys) => readStates(db, keys));
  }

  get(key: ChatKey): Promise<InboundState> {
    return this.reads.get(key);
  }
}

async function readStates(db: Db, keys: ChatKey[]): Promise<InboundState[]> {
  const column = (pick: (key: ChatKey) => string) => sql.param(keys.map(pick));
  const result = await db.execute(sql`
    select k.n, r.revision, f.run
    from unnest(${column((k) => k.workspaceId)}::text[], ${column((k) => k.profileId)}::text[],
      ${column((k) => k.chatId)}::text[]) with ordinality as k(workspace_id, profile_id, chat_id, n)
    left join automation_revisions r on r.workspace_id = k.workspace_id
    left join automation_flow_runs f on f.profile_id = k.profile_id and f.chat_id = k.chat_id`);
  const states: InboundState[] = keys.map(() => ({ revision: 0, run: null }));
  for (const row of (result as unknown as { rows: { n: unknown; revision: unknown; run: unknown }[] }).rows) {
    const run = typeof row.run === "string" ? (JSON.parse(row.run) as FlowRun) : (row.run as FlowRun | null);
    states[Number(row.n) - 1] = { revision: Number(row.revision ?? 0), run: run ?? null };
  }
  return states;
}

/** How old a carried revision may be: a rule or flow written meanwhile reaches a chatty chat within this. */
export const CHAIN_REUSE_MS = 500;

/**
 * A chat's inbound state carried from one message to the next while its messages queue back to back (#18:
 * one chatty chat's messages are handled one after another, so each was a read of its own — 2,236 reads for
 * 4,500 messages of one chat in the inbound bench). Safe because a chat's run is written only by this node's
 * serial for that chat (the profile's session lease): a state is kept only after a message that ran nothing,
 * only while another message of the chat waits, and any other task of the chat (a call, a timer, a flow
 * started or resumed by hand) drops it. The revision it carries is at most `CHAIN_REUSE_MS` old.
 */
export class ChainedStates {
  private readonly kept = new Map<string, { state: InboundState; at: number }>();
  /** Messages of each chat entered and not yet handled (the one being handled included). */
  private readonly queued = new Map<string, number>();

  enter(key: string): void {
    this.queued.set(key, (this.queued.get(key) ?? 0) + 1);
  }

  leave(key: string): void {
    const left = (this.queued.get(key) ?? 1) - 1;
    if (left > 0) return void this.queued.set(key, left);
    this.queued.delete(key);
    this.kept.delete(key);
  }

  /** The state the chat's previous message left, if fresh enough; taken once. */
  take(key: string): (InboundState & { at: number }) | undefined {
    const kept = this.kept.get(key);
    this.kept.delete(key);
    return kept && performance.now() - kept.at < CHAIN_REUSE_MS ? { ...kept.state, at: kept.at } : undefined;
  }

  /** Keeps a state read at `at` for the chat's next message, when one is already waiting. */
  keep(key: string, { at, ...state }: InboundState & { at: number }): void {
    if ((this.queued.get(key) ?? 0) > 1) this.kept.set(key, { state, at });
  }

  drop(key: string): void {
    this.kept.delete(key);
  }
}
