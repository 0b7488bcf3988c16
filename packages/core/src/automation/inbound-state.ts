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
