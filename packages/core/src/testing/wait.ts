import type { MultiWAEventName, MultiWAEvents } from "../events.js";
import type { MultiWA, SessionState } from "../multiwa.js";
import type { SessionStatus } from "../session/profiles.js";

/** Resolves with the next event matching `filter`, or rejects after `timeoutMs`. */
export function nextEvent<K extends MultiWAEventName>(
  wa: MultiWA,
  event: K,
  filter: (payload: MultiWAEvents[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<MultiWAEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = ((payload: MultiWAEvents[K]) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      wa.off(event, listener as never);
      resolve(payload);
    }) as never;
    const timer = setTimeout(
      () => (wa.off(event, listener), reject(new Error(`No "${event}" event within ${timeoutMs} ms`))),
      timeoutMs,
    );
    wa.on(event, listener);
  });
}

/** Resolves once the profile's session reaches `status` (at once if it already has). */
export async function waitForStatus(
  wa: MultiWA,
  profileId: string,
  status: SessionStatus,
  timeoutMs = 10_000,
): Promise<SessionState> {
  const reached = nextEvent(wa, "session.status", (e) => e.profileId === profileId && e.status === status, timeoutMs);
  const now = await wa.sessions.status(profileId);
  if (now.status === status) return (reached.catch(() => undefined), now);
  await reached;
  return wa.sessions.status(profileId);
}
