import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** #20: a call from the peer rings (`call.received`), is rejected through `wa.calls`, and the call log says so. */
export function callSteps({ wa, peer, profile, has, step }: SuiteContext): void {
  step(
    "calls.reject: the peer's video call rings, is rejected, and the call log records it",
    async () => {
      const rang = nextEvent(wa(), "call.received", (e) => e.profileId === profile && !e.offline, 10_000);
      const call = await peer().call!({ video: true });
      const offer = await rang;
      expect(offer).toMatchObject({ callId: call.callId, from: peer().jid, isVideo: true, isGroup: false });
      await wa().calls.reject(profile, { callId: offer.callId, from: offer.from });
      await expect.poll(() => call.rejected(), { timeout: 10_000 }).toBe(true);
      await expect
        .poll(async () => (await wa().calls.log(profile)).calls.find((c) => c.callId === call.callId)?.outcome, {
          timeout: 10_000,
        })
        .toBe("rejected");
    },
    () => has("calls.reject") && Boolean(peer().call),
  );
}
