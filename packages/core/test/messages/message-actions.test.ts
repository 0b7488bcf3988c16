import { describe, expect, it } from "vitest";
import { isMultiWAError } from "../../src/index.js";
import { mockChats, type MockNetwork } from "../../src/engines/mock.js";
import { linkedMockProfile } from "../helpers/mock.js";

// Issue #20: forward, pin and link preview through wa.messages on the mock engine, and the typed
// error of an engine that does not declare them (nothing queued, nothing sent).
describe("wa.messages forward, pin and link preview", () => {
  const open = (engine?: Parameters<typeof linkedMockProfile>[2]) =>
    linkedMockProfile("desk", "6281100000111", engine, { pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } });
  const inbound = async (wa: Awaited<ReturnType<typeof open>>["wa"], network: MockNetwork, text: string) => {
    const id = network.phone("6282200000222").send("6281100000111@s.whatsapp.net", { type: "text", text }).id;
    await expect.poll(() => wa.history.message("desk", id)).toBeTruthy();
    return id;
  };

  it("forwards a received message with its score raised, and an own message without", async () => {
    const { wa, network } = await open();
    try {
      const id = await inbound(wa, network, "pass it on");
      await wa.messages.sendAndWait("desk", { to: "6283300000333", content: { type: "forward", messageId: id } });
      const got = await network.phone("6283300000333").nextMessage();
      expect(got).toMatchObject({ forwarded: 1, content: { type: "text", text: "pass it on" } });
      const own = await wa.messages.sendAndWait("desk", {
        to: "6282200000222",
        content: { type: "text", text: "mine" },
      });
      await expect.poll(() => wa.history.message("desk", own.id)).toBeTruthy();
      await wa.messages.wait("desk", (await wa.messages.forward("desk", own.id, "6283300000333")).id);
      expect((await network.phone("6283300000333").nextMessage()).forwarded).toBeUndefined();
      const missing = await wa.messages.forward("desk", "nope", "6283300000333").catch((e: unknown) => e);
      expect(isMultiWAError(missing, "MESSAGE_NOT_FOUND")).toBe(true);
    } finally {
      await wa.close();
    }
  });

  // #20: a pin made by the other side raised nothing.
  it("reports a peer's pin and unpin as message.pinned", async () => {
    const { wa, network } = await open();
    try {
      const id = await inbound(wa, network, "opening hours");
      const seen: unknown[] = [];
      wa.on("message.pinned", (e) => seen.push(e));
      network.phone("6282200000222").pin("6281100000111@s.whatsapp.net", id, 86_400);
      network.phone("6282200000222").pin("6281100000111@s.whatsapp.net", id, null);
      await expect.poll(() => seen.length).toBe(2);
      const common = {
        profileId: "desk",
        chatId: "6282200000222@s.whatsapp.net",
        id,
        sender: "6282200000222@s.whatsapp.net",
      };
      expect(seen).toMatchObject([
        { ...common, pinned: true, seconds: 86_400 },
        { ...common, pinned: false },
      ]);
      expect(seen[1]).not.toHaveProperty("seconds");
    } finally {
      await wa.close();
    }
  });

  it("pins for a WhatsApp duration and unpins; other durations are refused with a field", async () => {
    const { wa, network } = await open();
    try {
      const id = await inbound(wa, network, "pin me");
      await wa.messages.pin("desk", id, 604_800);
      const until = mockChats(network, "6281100000111").pinnedMessages("6282200000222@s.whatsapp.net")[id]!;
      expect(until - Date.now()).toBeGreaterThan(604_700_000);
      await wa.messages.pin("desk", id, null);
      expect(mockChats(network, "6281100000111").pinnedMessages("6282200000222@s.whatsapp.net")).toEqual({});
      const bad = await wa.messages.pin("desk", id, 60 as 86_400).catch((e: unknown) => e);
      expect(isMultiWAError(bad, "VALIDATION_FAILED") && bad.details.field).toBe("seconds");
    } finally {
      await wa.close();
    }
  });

  it("an engine without the capabilities refuses before anything is queued", async () => {
    const { wa, network } = await open({ capabilities: ["login.qr", "send.text"] });
    try {
      const id = await inbound(wa, network, "hello");
      for (const attempt of [
        () => wa.messages.forward("desk", id, "6283300000333"),
        () =>
          wa.messages.send("desk", {
            to: "6283300000333",
            content: { type: "text", text: "https://a.example", linkPreview: { url: "https://a.example", title: "A" } },
          }),
        () => wa.messages.pin("desk", id, 86_400),
      ])
        expect(isMultiWAError(await attempt().catch((e: unknown) => e), "CAPABILITY_UNSUPPORTED")).toBe(true);
      expect(network.phone("6283300000333").messages()).toEqual([]);
    } finally {
      await wa.close();
    }
  });
});
