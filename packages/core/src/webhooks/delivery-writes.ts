import { sql } from "drizzle-orm";
import type { Coalesced } from "../util/tick-batch.js";
import { webhookDeliveries } from "./table.js";

type Row = typeof webhookDeliveries.$inferInsert;

/** A tick's new deliveries (every subscription of every event of the tick), one multi-row insert. */
export const NEW_DELIVERIES: Coalesced<Row[], void> = {
  async flush(tx, groups) {
    const rows = groups.flat();
    if (rows.length) await tx.insert(webhookDeliveries).values(rows);
    return groups.map(() => undefined);
  },
};

export interface Delivered {
  id: string;
  /** The node that claimed it: a delivery another node took over meanwhile is left to that node. */
  node: string;
  attempts: number;
  /** The HTTP status (webhooks); null for targets without one (event transports). */
  lastStatus: number | null;
  at: number;
}

/** A tick's successful deliveries, one update (the hot path: most deliveries succeed the first time). */
export const DELIVERED: Coalesced<Delivered, void> = {
  async flush(tx, done) {
    const column = <T>(pick: (d: Delivered) => T) => sql.param(done.map(pick));
    await tx.execute(sql`
      update webhook_deliveries d set status = 'delivered', attempts = v.attempts, last_status = v.last_status,
        last_error = null, delivered_at = v.at, claimed_by = null, claimed_until = null
      from unnest(${column((d) => d.id)}::text[], ${column((d) => d.node)}::text[], ${column((d) => d.attempts)}::int[],
        ${column((d) => d.lastStatus)}::int[], ${column((d) => d.at)}::bigint[]) as v(id, node, attempts, last_status, at)
      where d.id = v.id and d.claimed_by = v.node`);
    return done.map(() => undefined);
  },
};
