import { describe, expect, it } from "vitest";
import { isMultiWAError, type EventResponseEvent } from "../../src/index.js";
import { CAPABILITIES } from "../../src/engine/capabilities.js";
import { linkedMockProfile } from "../helpers/mock.js";

// Issue #21: events through wa.messages on the mock engine (create, the peer's answer as
// event.response and not a chat message, our answer), and the typed error of an engine that does
// not declare `send.event` (nothing queued).
const ME = "6281100000111";
const PEER = "6282200000222";
describe("wa.messages events", () => {
  const open = (engine?: Parameters<typeof linkedMockProfile>[2]) =>
    linkedMockProfile("desk", ME, engine, { pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } });

  it("sends an event; the peer's answer is event.response, our answer reaches the peer", async () => {
    const { wa, network } = await open();
    try {
      const event = { type: "event" as const, name: "Launch", startTime: Date.UTC(2027, 0, 1, 10) };
      const sent = await wa.messages.sendAndWait("desk", { to: PEER, content: event });
      const peer = network.phone(PEER);
      expect((await peer.nextMessage()).content).toEqual(event);

      const answers: EventResponseEvent[] = [];
      wa.on("event.response", (e) => answers.push(e));
      const answer = peer.send(`${ME}@s.whatsapp.net`, {
        type: "event_response",
        target: { id: sent.id },
        response: "not_going",
      });
      await expect.poll(() => answers.length).toBe(1);
      expect(answers[0]).toMatchObject({
        eventId: sent.id,
        responder: `${PEER}@s.whatsapp.net`,
        response: "not_going",
      });
      expect(await wa.history.message("desk", answer.id)).toBeFalsy();

      const theirs = peer.send(`${ME}@s.whatsapp.net`, { ...event, name: "Dinner" });
      await expect.poll(() => wa.history.message("desk", theirs.id)).toBeTruthy();
      await wa.messages.sendAndWait("desk", {
        to: PEER,
        content: { type: "event_response", target: { id: theirs.id }, response: "going" },
      });
      expect((await peer.nextMessage()).content).toEqual({
        type: "event_response",
        target: { id: theirs.id },
        response: "going",
      });
    } finally {
      await wa.close();
    }
  });

  it("refuses events and answers with CAPABILITY_UNSUPPORTED on an engine without send.event", async () => {
    const { wa } = await open({ capabilities: CAPABILITIES.filter((c) => c !== "send.event") });
    try {
      for (const content of [
        { type: "event" as const, name: "Launch", startTime: Date.now() + 60_000 },
        { type: "event_response" as const, target: { id: "x" }, response: "maybe" as const },
      ]) {
        const error = await wa.messages.send("desk", { to: PEER, content }).catch((e: unknown) => e);
        expect(isMultiWAError(error, "CAPABILITY_UNSUPPORTED")).toBe(true);
      }
    } finally {
      await wa.close();
    }
  });
});
