// Issue #18: one chatty chat's inbound messages are handled one after another, so each read the workspace's
// revision and the chat's flow run on its own — 2,236 reads for 4,500 messages of one chat in the inbound
// bench. Now a message that ran nothing leaves its state to the chat's next queued message; one that started
// or answered a flow does not, so the next message still sees the run it left.
import { afterAll, expect, it } from "vitest";
import type { CreateFlowInput } from "../../src/automation/schema.js";
import type { Database, Db } from "../../src/db/types.js";
import type { MultiWA } from "../../src/multiwa.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { automationGateway, PEER_JID } from "./helpers.js";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const text = (t: string) => ({ type: "text" as const, text: t });
/** start → ask → send what was answered. */
const orderFlow: CreateFlowInput = {
  name: "Order",
  status: "active",
  trigger: { type: "keyword", keywords: ["order"], match: "exact" },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    {
      id: "ask",
      type: "ask_question",
      position: { x: 0, y: 100 },
      data: { content: text("Which size?"), variable: "size", timeoutMs: 60_000 },
    },
    { id: "done", type: "send_message", position: { x: 0, y: 200 }, data: { content: text("Size {{size}}") } },
    { id: "late", type: "send_message", position: { x: 100, y: 200 }, data: { content: text("Too late") } },
  ],
  edges: [
    { id: "e1", source: "start", target: "ask" },
    { id: "e2", source: "ask", target: "done", sourceHandle: "reply" },
    { id: "e3", source: "ask", target: "late", sourceHandle: "timeout" },
  ],
};

it(
  "reads a chatty chat's state once per run of queued messages, and never past a flow it started",
  { timeout: 60_000 },
  async () => {
    const database: Database = await openTestDatabase();
    closers.push(() => database.close());
    let reads = 0;
    const readsState = (query: unknown) =>
      JSON.stringify((query as { queryChunks?: unknown[] }).queryChunks ?? []).includes("automation_revisions");
    const db = new Proxy(database.db, {
      get: (target, key, receiver) =>
        key === "execute"
          ? (query: unknown) => {
              if (readsState(query)) reads++;
              return (target.execute as (q: unknown) => unknown)(query);
            }
          : Reflect.get(target, key, receiver),
    }) as Db;
    const { wa, say, peer } = await automationGateway({ database: { ...database, db } });
    closers.push(() => (wa as MultiWA).close());
    await wa.automation.flows.create("acme", orderFlow);
    await wa.automation.rules.create("acme", {
      name: "Ping",
      trigger: { type: "keyword", keywords: ["ping"], match: "exact" },
      actions: [{ type: "reply", text: "pong" }],
    });
    const recorded = async () => (await wa.chats.messages("p1", PEER_JID, { limit: 200 })).messages.length;

    // 40 messages at once in one chat: they queue behind each other, the last one matches the rule.
    reads = 0;
    for (let i = 0; i < 39; i++) say(`hello ${i}`);
    say("ping");
    expect((await peer.nextMessage()).content).toEqual(text("pong"));
    await expect.poll(recorded).toBe(41);
    // Before: one read per message (40).
    expect(reads).toBeLessThan(10);

    // A message that starts a flow leaves nothing behind: the answer queued right after it is the flow's.
    say("order");
    say("large");
    expect((await peer.nextMessage()).content).toEqual(text("Which size?"));
    expect((await peer.nextMessage()).content).toEqual(text("Size large"));
  },
);
