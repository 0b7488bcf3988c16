import type { EngineLogger } from "../engine/types.js";
import type { MultiWA } from "../multiwa.js";

export interface TakeoverOptions {
  /** How often to look for profiles nobody runs. @default 5000 */
  intervalMs?: number;
  logger?: EngineLogger;
}

/**
 * Scale-out: every node periodically starts the profiles that should be running but whose lease
 * is free (their node died or left). A lease held by a live node makes `start` fail with
 * SESSION_NOT_OWNED, which is the normal answer here, not an error.
 */
export function startTakeoverLoop(wa: MultiWA, options: TakeoverOptions = {}): { stop(): void; runOnce(): Promise<string[]> } {
  let running = false;
  const runOnce = async (): Promise<string[]> => {
    if (running) return [];
    running = true;
    const taken: string[] = [];
    // Start here, never forwarded: a lease held elsewhere is the answer "not mine".
    const startHere = wa.cluster?.local.start ?? ((id: string) => wa.start(id));
    try {
      for (const profile of await wa.profiles.list()) {
        if (profile.desired !== "running" || wa.isRunningHere(profile.id)) continue;
        try {
          await startHere(profile.id);
          taken.push(profile.id);
          options.logger?.info(`took over profile ${profile.id}`);
        } catch (error) {
          if ((error as { code?: string }).code !== "SESSION_NOT_OWNED") options.logger?.warn(`could not take over ${profile.id}`, error);
        }
      }
    } finally {
      running = false;
    }
    return taken;
  };
  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 5000);
  timer.unref?.();
  return { stop: () => clearInterval(timer), runOnce };
}
