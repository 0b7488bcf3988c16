import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError } from "../errors.js";
import type { Profiles } from "../profiles/profiles.js";
import type { SessionHost } from "../session/host.js";
import type { ClusterMembership } from "./membership.js";

const PARALLEL_STARTS = 8;

export interface TakeoverOptions {
  /** How often to look for profiles nobody runs (and, with `membership`, to rebalance). @default 5000 */
  intervalMs?: number;
  logger?: EngineLogger;
  /**
   * The live nodes. With it each node keeps about its fair share, ceil(profiles / nodes): a node over
   * its share hands the surplus off (stops it here, still wanted) and a node under it takes free ones.
   */
  membership?: ClusterMembership;
  /** A profile free this long is taken by any node, whatever its share (use the lease TTL). @default 30000 */
  orphanMs?: number;
}

/** What the loop reads and starts: the wanted profiles, the session host, and this node's queued-message pickup. */
export interface TakeoverPorts {
  profiles: Pick<Profiles, "list">;
  sessions: Pick<SessionHost, "isRunningHere" | "remoteOwner" | "start" | "status" | "release">;
  resumeQueued(profileId: string): Promise<number>;
}

export interface TakeoverLoop {
  stop(): void;
  /** One pass; resolves with the profiles this node took. */
  runOnce(): Promise<string[]>;
}

/**
 * Scale-out: every node periodically starts the profiles that should be running but whose lease is
 * free (their node died, left, or handed them off). A lease held by a live node makes the start fail
 * with SESSION_NOT_OWNED, which is the normal answer here, not an error. A node at its share leaves
 * free profiles (including those it just handed off) to the nodes under theirs until they have been
 * free for `orphanMs`, so profiles do not bounce between nodes.
 */
export function startTakeoverLoop(wa: TakeoverPorts, options: TakeoverOptions = {}): TakeoverLoop {
  const orphanMs = options.orphanMs ?? 30_000;
  const freeSince = new Map<string, number>();
  let seen: string[] = [];
  let running = false;

  const pass = async (): Promise<string[]> => {
    const now = Date.now();
    const wanted = (await wa.profiles.list({ desired: "running" })).map((p) => p.id).sort();
    const nodes = await options.membership?.beat();
    // A node that died may have stored messages for profiles running here and died before waking us.
    if (nodes && seen.some((n) => !nodes.includes(n))) {
      for (const id of wanted.filter((p) => wa.sessions.isRunningHere(p))) {
        const found = await wa.resumeQueued(id).catch(() => 0);
        if (found) options.logger?.info(`picked up ${found} messages a departed node queued for ${id}`);
      }
    }
    seen = nodes ?? [];
    const share = nodes ? Math.ceil(wanted.length / Math.max(1, nodes.length)) : Infinity;
    const here = wanted.filter((id) => wa.sessions.isRunningHere(id));
    // Only open sessions move: a profile showing a QR or reconnecting stays where the user sees it.
    const open =
      here.length > share
        ? await filterAsync(here, async (id) => (await wa.sessions.status(id)).status === "open")
        : [];
    for (const id of open.slice(Math.max(0, open.length - (here.length - share)))) {
      options.logger?.info(
        `handing off profile ${id} (${here.length} here, fair share ${share} of ${wanted.length} on ${nodes?.length} nodes)`,
      );
      await wa.sessions.release(id).catch((error: unknown) => options.logger?.warn(`could not hand off ${id}`, error));
    }
    const mine = wanted.filter((id) => wa.sessions.isRunningHere(id)).length;
    const candidates: string[] = [];
    // One round of lease lookups for the whole list, not one round trip after another.
    const owned = await Promise.all(
      wanted.map(async (id) => wa.sessions.isRunningHere(id) || !!(await wa.sessions.remoteOwner(id))),
    );
    for (const [i, id] of wanted.entries()) {
      if (owned[i]) {
        freeSince.delete(id);
        continue;
      }
      const since = freeSince.get(id) ?? now;
      freeSince.set(id, since);
      if (now - since >= orphanMs || mine + candidates.length < share) candidates.push(id);
    }
    // A dead node's profiles start side by side: one slow start must not hold up the rest.
    const taken: string[] = [];
    await inParallel(candidates, PARALLEL_STARTS, async (id) => {
      try {
        await wa.sessions.start(id);
        // A node that took it meanwhile answered the start itself: the profile is not ours.
        if (!wa.sessions.isRunningHere(id)) return;
        taken.push(id);
        freeSince.delete(id);
        options.logger?.info(`took over profile ${id}`);
      } catch (error) {
        if (!isMultiWAError(error, "SESSION_NOT_OWNED")) options.logger?.warn(`could not take over ${id}`, error);
      }
    });
    return taken.sort();
  };

  const runOnce = async (): Promise<string[]> => {
    if (running) return [];
    running = true;
    try {
      return await pass();
    } finally {
      running = false;
    }
  };
  const timer = setInterval(
    () => void runOnce().catch((e: unknown) => options.logger?.warn("takeover pass failed", e)),
    options.intervalMs ?? 5000,
  );
  timer.unref?.();
  return {
    stop: () => clearInterval(timer),
    runOnce,
  };
}

// --- Internal helpers ---

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

async function filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const verdicts = await Promise.all(items.map(keep));
  return items.filter((_, i) => verdicts[i]);
}
