import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/**
 * #21: the history the account's phone sent after linking is in the chats (only the window the
 * profile's settings keep, and never as `message.received`), and older messages of a chat come on demand.
 */
export function historySteps({ wa, h, profile, has, step }: SuiteContext, received: () => string[], timeout: number) {
  const history = () => h().history!;
  const page = async () => (await wa().chats.messages(profile, history().chatId, { limit: 500 })).messages;
  step(
    "history.sync: the phone's recent history is imported after linking, older messages on demand",
    async () => {
      await expect.poll(async () => (await page()).length, { timeout }).toBe(history().imported);
      expect(received()).not.toContain(history().chatId);
      const before = await page();
      const done = nextEvent(wa(), "history.completed", (e) => e.syncType === "on_demand", timeout);
      const { requestId } = await wa().chats.fetchHistory(profile, history().chatId, 5);
      expect(await done).toMatchObject({ requestId, messages: 5, chatId: history().chatId });
      const after = await page();
      expect(after.length).toBe(before.length + 5);
      expect(after.slice(5).map((m) => m.id)).toEqual(before.map((m) => m.id));
      expect(Math.max(...after.slice(0, 5).map((m) => m.timestamp))).toBeLessThan(before[0]!.timestamp);
    },
    () => has("history.sync") && Boolean(h().history),
  );
}
