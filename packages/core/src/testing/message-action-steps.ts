import { expect } from "vitest";
import { isMultiWAError } from "../errors.js";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** The smallest JPEG header: WhatsApp carries a preview thumbnail as opaque bytes. */
const THUMBNAIL = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString(
  "base64",
);

/** #20: one step per message action (forward, pin, link preview), driven through `wa.messages`. */
export function messageActionSteps(
  { wa, peer, profile, has, step }: SuiteContext,
  me: () => string,
  timeout: number,
): void {
  /** A text from the peer, once the history holds it. */
  const fromPeer = async (text: string) => {
    const received = nextEvent(
      wa(),
      "message.received",
      (m) => m.content.type === "text" && m.content.text === text,
      timeout,
    );
    await peer().sendText(me(), text);
    const { id } = await received;
    await expect.poll(() => wa().history.message(profile, id), { timeout }).toBeTruthy();
    return id;
  };

  step(
    "send.forward: forwards a received message; the peer sees it forwarded",
    async () => {
      const id = await fromPeer("forward me");
      const record = await wa().messages.forward(profile, id, peer().jid);
      expect((await wa().messages.wait(profile, record.id, timeout)).status).not.toBe("failed");
      const got = await peer().nextMessage(timeout);
      expect(got.content).toMatchObject({ type: "text", text: "forward me" });
      expect(got.forwarded).toBeGreaterThanOrEqual(1);
      const missing = await wa()
        .messages.forward(profile, "no-such-message", peer().jid)
        .catch((e: unknown) => e);
      expect(isMultiWAError(missing, "MESSAGE_NOT_FOUND")).toBe(true);
    },
    () => has("send.forward"),
  );

  step(
    "send.linkPreview: sends a text with the caller's preview",
    async () => {
      const text = "see https://example.com/offer";
      const record = await wa().messages.sendAndWait(profile, {
        to: peer().jid,
        content: {
          type: "text",
          text,
          linkPreview: {
            url: "https://example.com/offer",
            title: "Offer",
            description: "Half price",
            thumbnail: THUMBNAIL,
          },
        },
      });
      expect(record.status).not.toBe("failed");
      expect((await peer().nextMessage(timeout)).content).toMatchObject({ type: "text", text });
    },
    () => has("send.linkPreview"),
  );

  step(
    "messages.pin: pins a message from the history for 24 hours and unpins it; refuses other durations",
    async () => {
      const id = await fromPeer("pin me");
      await wa().messages.pin(profile, id, 86_400);
      await wa().messages.pin(profile, id, null);
      const bad = await wa()
        .messages.pin(profile, id, 3600 as 86_400)
        .catch((e: unknown) => e);
      expect(isMultiWAError(bad, "VALIDATION_FAILED")).toBe(true);
    },
    () => has("messages.pin"),
  );
}
