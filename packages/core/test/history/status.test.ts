import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import type { WAMessage } from "../../src/engine/types.js";
import { HistoryStatusStore } from "../../src/history/status.js";

const at = (timestamp: number) => ({ timestamp }) as WAMessage;
const none = { messages: 0, chats: 0, contacts: 0 };

// Issue #21 leftover: the import status's state machine. A push-name chunk after the last message chunk
// must not reopen a completed import, and an on-demand fetch must count without faking a new delivery.
describe("history import status", () => {
  it("goes idle → importing → completed, counts on-demand fetches, and keeps the oldest message time", async () => {
    const store = new HistoryStatusStore(createStorage());
    expect(await store.get("p")).toEqual({ profileId: "p", state: "idle", ...none });

    await store.onChunk("p", { syncType: "push_name", messages: [] }, { ...none, contacts: 3 }, 1);
    expect(await store.get("p")).toMatchObject({ state: "idle", contacts: 3 });

    await store.onChunk(
      "p",
      { syncType: "recent", progress: 40, messages: [at(500), at(300)] },
      { messages: 2, chats: 1, contacts: 0 },
      10,
    );
    expect(await store.get("p")).toMatchObject({
      state: "importing",
      progress: 40,
      startedAt: 10,
      lastProgressAt: 10,
      oldestMessageAt: 300,
      messages: 2,
    });

    await store.onChunk(
      "p",
      { syncType: "recent", progress: 100, messages: [at(400)] },
      { messages: 1, chats: 1, contacts: 0 },
      20,
    );
    await store.onChunk("p", { syncType: "push_name", messages: [] }, { ...none, contacts: 1 }, 25);
    expect(await store.get("p")).toEqual({
      profileId: "p",
      state: "completed",
      syncType: "recent",
      progress: 100,
      messages: 3,
      chats: 2,
      contacts: 4,
      startedAt: 10,
      lastProgressAt: 25,
      completedAt: 20,
      oldestMessageAt: 300,
    });

    await store.onChunk(
      "p",
      { syncType: "on_demand", messages: [at(100)] },
      { messages: 1, chats: 0, contacts: 0 },
      30,
    );
    expect(await store.get("p")).toMatchObject({
      state: "completed",
      messages: 4,
      oldestMessageAt: 100,
      completedAt: 20,
    });

    // Linked again: WhatsApp's next delivery is a new import.
    await store.onChunk(
      "p",
      { syncType: "recent", progress: 10, messages: [at(900)] },
      { messages: 0, chats: 0, contacts: 0 },
      40,
    );
    const again = await store.get("p");
    expect(again).toMatchObject({ state: "importing", progress: 10, startedAt: 40, oldestMessageAt: 100 });
    expect(again.completedAt).toBeUndefined();
    expect(await store.get("other")).toMatchObject({ state: "idle" });
  });
});
