import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { validateFlow } from "../../src/automation/validate.js";
import type { CreateFlowInput } from "../../src/automation/schema.js";
import { automationGateway, PEER, PEER_JID, sleep, texts } from "./helpers.js";

const text = (t: string) => ({ type: "text" as const, text: t });

/** start → ask (size, 400 ms) → condition on the reply → send; timeout → send. */
function sizeFlow(timeoutMs = 400): CreateFlowInput {
  return {
    name: "Order",
    status: "active",
    trigger: { type: "keyword", keywords: ["order"], match: "exact" },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "ask",
        type: "ask_question",
        position: { x: 0, y: 100 },
        data: { content: text("Which size, {{firstName|friend}}? small or large"), variable: "size", timeoutMs },
      },
      {
        id: "check",
        type: "condition",
        position: { x: 0, y: 200 },
        data: {
          branches: [
            { id: "big", when: { left: "reply", op: "equals", right: "LARGE" } },
            { id: "small", when: { left: "{{size}}", op: "contains", right: "small" } },
          ],
        },
      },
      {
        id: "large",
        type: "send_message",
        position: { x: -100, y: 300 },
        data: { content: text("Large it is ({{size}})") },
      },
      { id: "smallMsg", type: "send_message", position: { x: 0, y: 300 }, data: { content: text("Small, noted") } },
      {
        id: "unknown",
        type: "send_message",
        position: { x: 100, y: 300 },
        data: { content: text("Sorry, I did not get that") },
      },
      {
        id: "late",
        type: "send_message",
        position: { x: 200, y: 200 },
        data: { content: text("No answer, order cancelled") },
      },
      { id: "end", type: "end", position: { x: 0, y: 400 }, data: {} },
    ],
    edges: [
      { id: "e1", source: "start", target: "ask" },
      { id: "e2", source: "ask", target: "check", sourceHandle: "reply" },
      { id: "e3", source: "ask", target: "late", sourceHandle: "timeout" },
      { id: "e4", source: "check", target: "large", sourceHandle: "big" },
      { id: "e5", source: "check", target: "smallMsg", sourceHandle: "small" },
      { id: "e6", source: "check", target: "unknown", sourceHandle: "else" },
      { id: "e7", source: "large", target: "end" },
    ],
  };
}

describe("flow validation", { timeout: 120_000 }, () => {
  it("accepts the order flow and names each problem of a broken one", async () => {
    const flow = sizeFlow();
    expect(validateFlow({ nodes: flow.nodes as never, edges: flow.edges as never })).toEqual([]);
    const errors = validateFlow({
      nodes: [
        { id: "a", type: "send_message", position: { x: 0, y: 0 }, data: {} },
        { id: "b", type: "set_variable", position: { x: 0, y: 0 }, data: { name: "x", value: "1" } },
        { id: "c", type: "set_variable", position: { x: 0, y: 0 }, data: { name: "y", value: "1" } },
      ],
      edges: [
        { id: "e1", source: "a", target: "zz" },
        { id: "e2", source: "b", target: "c", sourceHandle: "ok" },
        { id: "e3", source: "b", target: "c" },
        { id: "e4", source: "c", target: "b" },
      ],
    });
    expect(errors.map((e) => e.code).sort()).toEqual(["BAD_HANDLE", "MISSING_DATA", "NO_START", "UNKNOWN_NODE"]);
    const loop = validateFlow({
      nodes: [
        { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "b", type: "set_variable", position: { x: 0, y: 0 }, data: { name: "x", value: "1" } },
      ],
      edges: [
        { id: "e1", source: "s", target: "b" },
        { id: "e2", source: "b", target: "b" },
      ],
    });
    expect(loop.map((e) => e.code)).toEqual(["CYCLE_WITHOUT_WAIT"]);
  });

  it("a draft may be invalid, an active flow may not; versions are immutable snapshots", async () => {
    const { wa } = await automationGateway();
    const flows = wa.automation.flows;
    const draft = await flows.create("acme", {
      name: "WIP",
      nodes: [{ id: "x", type: "send_message", position: { x: 0, y: 0 }, data: {} }],
    });
    await expect(flows.update("acme", draft.id, { status: "active" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { errors: expect.arrayContaining([expect.objectContaining({ code: "NO_START" })]) },
    });
    const flow = await flows.create("acme", sizeFlow());
    const labelled = await flows.update("acme", flow.id, {
      edges: flow.edges.map((e) => ({ ...e, type: "smoothstep", label: "next" })),
    });
    expect(labelled.edges[0]).toMatchObject({ id: "e1", type: "smoothstep", label: "next" }); // builder properties round-trip
    const v1 = await flows.saveVersion("acme", flow.id);
    await flows.update("acme", flow.id, {
      name: "Order 2",
      nodes: flow.nodes.slice(0, 2),
      edges: flow.edges.slice(0, 1),
      status: "draft",
    });
    await flows.saveVersion("acme", flow.id);
    const versions = await flows.versions("acme", flow.id);
    expect(versions.map((v) => [v.version, v.nodes.length])).toEqual([
      [1, 8],
      [2, 2],
    ]);
    expect(v1.version).toBe(1);
    expect((await flows.get("acme", flow.id)).version).toBe(2);
    await wa.close();
  });

  it("test-run walks the graph without sending: reply, branch and timeout paths", async () => {
    const { wa, peer } = await automationGateway();
    const flow = await wa.automation.flows.create("acme", sizeFlow());
    const big = await wa.automation.testRun("acme", flow.id, ["large"]);
    expect(big).toMatchObject({
      status: "completed",
      path: ["start", "ask", "check", "large", "end"],
      variables: { size: "large" },
    });
    expect(big.transcript).toEqual([
      { from: "bot", text: "Which size, friend? small or large" },
      { from: "user", text: "large" },
      { from: "bot", text: "Large it is (large)" },
    ]);
    expect((await wa.automation.testRun("acme", flow.id, [null])).transcript.at(-1)).toEqual({
      from: "bot",
      text: "No answer, order cancelled",
    });
    expect((await wa.automation.testRun("acme", flow.id, [])).status).toBe("waiting");
    expect(peer.messages()).toEqual([]);
    await wa.close();
  });
});

describe("flow runtime on the mock engine", { timeout: 120_000 }, () => {
  it("question → branch on the reply → answer; a second chat times out", async () => {
    const { wa, peer, say, network } = await automationGateway();
    await wa.contacts.upsert("acme", { phone: PEER, name: "Ana Lima" });
    await wa.automation.flows.create("acme", sizeFlow(300));
    say("Order");
    expect((await peer.nextMessage()).content).toEqual(text("Which size, Ana? small or large"));
    await expect.poll(async () => (await wa.automation.runtime.current("p1", PEER_JID))?.status).toBe("waiting");
    say("Large");
    expect((await peer.nextMessage()).content).toEqual(text("Large it is (Large)"));
    await expect.poll(async () => (await wa.automation.runtime.current("p1", PEER_JID))?.status).toBe("completed");
    expect((await wa.automation.runtime.current("p1", PEER_JID))?.path).toEqual([
      "start",
      "ask",
      "check",
      "large",
      "end",
    ]);

    const other = network.phone("628155500002");
    other.send("628100000001@s.whatsapp.net", text("order"));
    expect((await other.nextMessage()).content).toMatchObject({ text: "Which size, friend? small or large" });
    expect((await other.nextMessage(() => true, 3000)).content).toEqual(text("No answer, order cancelled"));
    await wa.close();
  });

  it("a conversation continues across a restart: the reply after it takes the branch, the timeout fires after it", async () => {
    const first = await automationGateway();
    await first.wa.automation.flows.create("acme", sizeFlow(3000));
    first.say("order");
    expect((await first.peer.nextMessage()).content).toMatchObject({ text: "Which size, friend? small or large" });
    await first.wa.close();

    const second = await automationGateway({ storage: first.storage, network: first.network });
    second.say("small please");
    expect((await second.peer.nextMessage()).content).toEqual(text("Small, noted"));
    await expect
      .poll(async () => (await second.wa.automation.runtime.current("p1", PEER_JID))?.status)
      .toBe("completed");

    second.say("order");
    expect((await second.peer.nextMessage()).content).toMatchObject({ text: "Which size, friend? small or large" });
    await second.wa.close();
    await sleep(3100); // the question times out while nothing runs
    const third = await automationGateway({ storage: first.storage, network: first.network });
    expect((await third.peer.nextMessage(() => true, 3000)).content).toEqual(text("No answer, order cancelled"));
    await sleep(200);
    expect(texts(third.peer.messages())).toEqual([]); // nothing was sent twice
    await third.wa.close();
  });

  it("a run cut short between nodes resumes without repeating a send", async () => {
    const first = await automationGateway();
    const flow = await first.wa.automation.flows.create("acme", sizeFlow(60_000));
    first.say("order");
    await first.peer.nextMessage();
    const run = (await first.wa.automation.runtime.current("p1", PEER_JID))!;
    await first.wa.close();
    // As if the process died right after sending the question, before saving that it waits.
    const { automationFlowRuns: runs } = await import("../../src/automation/table.js");
    const { eq } = await import("drizzle-orm");
    const { waitingUntil: _, ...cut } = run;
    await first.wa.database.db
      .update(runs)
      .set({ status: "running", run: { ...cut, status: "running" } })
      .where(eq(runs.id, run.id));
    const second = await automationGateway({ storage: first.storage, network: first.network });
    await expect.poll(async () => (await second.wa.automation.runtime.current("p1", PEER_JID))?.status).toBe("waiting");
    await sleep(200);
    expect(texts(second.peer.messages())).toEqual([]); // the question went out once
    expect(flow.id).toBeTruthy();
    await second.wa.close();
  });

  it("handoff pauses rules and flows for the chat until resumed; rules start flows", async () => {
    const { wa, peer, say } = await automationGateway();
    const flow = await wa.automation.flows.create("acme", {
      name: "Human",
      status: "active",
      trigger: { type: "manual" },
      nodes: [
        { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "m", type: "send_message", position: { x: 0, y: 0 }, data: { content: text("An agent will answer") } },
        { id: "h", type: "handoff", position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [
        { id: "a", source: "s", target: "m" },
        { id: "b", source: "m", target: "h" },
      ],
    });
    await wa.automation.rules.create("acme", {
      name: "agent",
      cooldownMs: 0,
      trigger: { type: "keyword", keywords: ["agent"], match: "contains" },
      actions: [{ type: "start_flow", flowId: flow.id }],
    });
    await wa.automation.rules.create("acme", {
      name: "hi",
      cooldownMs: 0,
      trigger: { type: "keyword", keywords: ["hi"], match: "exact" },
      actions: [{ type: "reply", text: "hello" }],
    });
    say("I want an agent");
    expect((await peer.nextMessage()).content).toEqual(text("An agent will answer"));
    await expect.poll(async () => (await wa.automation.runtime.current("p1", PEER_JID))?.status).toBe("handoff");
    say("hi");
    await sleep(200);
    expect(texts(peer.messages())).toEqual([]);
    expect(await wa.automation.resumeChat("p1", PEER)).toBe(true);
    say("hi");
    expect((await peer.nextMessage()).content).toEqual(text("hello"));
    await wa.close();
  });
});

describe("AI replies against an OpenAI-compatible endpoint", () => {
  async function fakeAi(
    answer: (
      body: { model: string; messages: { role: string; content: string }[] },
      req: IncomingMessage,
    ) => { status: number; json: unknown },
  ) {
    const calls: {
      body: { model: string; messages: { role: string; content: string }[] };
      auth?: string;
      path?: string;
    }[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (d) => (raw += d));
      req.on("end", () => {
        const body = JSON.parse(raw);
        calls.push({
          body,
          ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
          ...(req.url ? { path: req.url } : {}),
        });
        const out = answer(body, req);
        res.writeHead(out.status, { "content-type": "application/json" }).end(JSON.stringify(out.json));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      calls,
      close: () => new Promise((r) => server.close(r)),
    };
  }

  const aiFlow = (): CreateFlowInput => ({
    name: "Bot",
    status: "active",
    trigger: { type: "keyword", keywords: ["question"], match: "contains" },
    nodes: [
      { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "ai",
        type: "ai_reply",
        position: { x: 0, y: 0 },
        data: { systemPrompt: "You sell shoes to {{name|a customer}}.", saveAs: "answer" },
      },
      {
        id: "oops",
        type: "send_message",
        position: { x: 0, y: 0 },
        data: { content: text("The assistant is unavailable") },
      },
    ],
    edges: [
      { id: "a", source: "s", target: "ai" },
      { id: "b", source: "ai", target: "oops", sourceHandle: "error" },
    ],
  });

  it("sends the chat as context with the bearer key and replies with the answer; errors take the error branch without leaking the key", async () => {
    const secretKey = "sk-test-very-secret-123";
    let fail = false;
    const ai = await fakeAi((body) =>
      fail
        ? { status: 401, json: { error: `bad key ${secretKey}` } }
        : {
            status: 200,
            json: {
              choices: [
                { message: { role: "assistant", content: `We have ${body.messages.length} messages. Size 42 fits.` } },
              ],
            },
          },
    );
    const warnings: string[] = [];
    const { wa, peer, say } = await automationGateway({
      outbound: { allowPrivateTargets: true },
      logger: {
        debug() {},
        info() {},
        warn: (m, d) => warnings.push(`${m} ${JSON.stringify(d)} ${String((d as Error)?.message)}`),
        error() {},
      },
    });
    await expect(wa.automation.settings.put("acme", { ai: { baseUrl: ai.url, model: "gpt-test" } })).resolves.toEqual({
      ai: { baseUrl: ai.url, model: "gpt-test", contextMessages: 10, timeoutMs: 30_000, hasApiKey: false },
    });
    const view = await wa.automation.settings.put("acme", {
      ai: { baseUrl: ai.url, apiKey: secretKey, model: "gpt-test", contextMessages: 4 },
    });
    expect(JSON.stringify(view)).not.toContain(secretKey);
    expect(view.ai?.hasApiKey).toBe(true);
    expect(
      (await wa.automation.settings.put("acme", { ai: { baseUrl: ai.url, model: "gpt-test", contextMessages: 4 } })).ai
        ?.hasApiKey,
    ).toBe(true); // kept
    await wa.automation.flows.create("acme", aiFlow());
    await wa.messages.send("p1", { to: PEER, content: text("Welcome to the shop") });
    await peer.nextMessage();
    // The phone can have it before the tick's transaction records it in the history: wait for the record.
    await expect.poll(async () => (await wa.history.chats("p1")).length).toBe(1);
    say("a question: which size?");
    expect((await peer.nextMessage(() => true, 5000)).content).toEqual(text("We have 3 messages. Size 42 fits."));
    const call = ai.calls[0]!;
    expect(call.path).toBe("/v1/chat/completions");
    expect(call.auth).toBe(`Bearer ${secretKey}`);
    expect(call.body).toEqual({
      model: "gpt-test",
      messages: [
        { role: "system", content: "You sell shoes to a customer." },
        { role: "assistant", content: "Welcome to the shop" },
        { role: "user", content: "a question: which size?" },
      ],
    });

    fail = true;
    say("another question");
    expect((await peer.nextMessage(() => true, 5000)).content).toEqual(text("The assistant is unavailable"));
    const run = (await wa.automation.runtime.current("p1", PEER_JID))!;
    expect(run.variables.error).toMatch(/answered 401/);
    expect(JSON.stringify(run)).not.toContain(secretKey);
    expect(warnings.join("\n")).not.toContain(secretKey);
    await wa.close();
    await ai.close();
  }, 20_000);

  it("a rule's ai_reply action answers; a failing endpoint is logged as the rule's failure, key hidden", async () => {
    let down = false;
    const ai = await fakeAi((body) =>
      down
        ? { status: 500, json: {} }
        : { status: 200, json: { choices: [{ message: { content: `echo: ${body.messages.at(-1)?.content}` } }] } },
    );
    const warnings: string[] = [];
    const { wa, peer, say } = await automationGateway({
      outbound: { allowPrivateTargets: true },
      logger: {
        debug() {},
        info() {},
        warn: (m, d) => warnings.push(`${m} ${String((d as Error)?.message)}`),
        error() {},
      },
    });
    await wa.automation.settings.put("acme", { ai: { baseUrl: ai.url, apiKey: "sk-rule-key", model: "m" } });
    await wa.automation.rules.create("acme", {
      name: "bot",
      cooldownMs: 0,
      trigger: { type: "keyword", keywords: ["bot"], match: "contains" },
      actions: [{ type: "ai_reply", systemPrompt: "Short answers." }],
    });
    say("bot, hello");
    expect((await peer.nextMessage()).content).toEqual(text("echo: bot, hello"));
    expect(ai.calls[0]!.body.messages[0]).toEqual({ role: "system", content: "Short answers." });
    down = true;
    say("bot again");
    await expect.poll(() => warnings.find((w) => w.includes("(bot) failed"))).toMatch(/AI endpoint: .*answered 500/);
    expect(warnings.join("\n")).not.toContain("sk-rule-key");
    await wa.close();
    await ai.close();
  });
});

describe("deleting a profile", () => {
  it("forgets its flow runs and their pending timeouts", async () => {
    const { wa, peer, say } = await automationGateway();
    await wa.automation.flows.create("acme", sizeFlow(60_000));
    say("order");
    await peer.nextMessage(); // the question: the run now waits, with its timeout stored
    await expect.poll(async () => (await wa.automation.runtime.list("p1")).map((r) => r.status)).toEqual(["waiting"]);
    const { automationFlowRuns: runs, automationTimers: timers } = await import("../../src/automation/table.js");
    const { eq } = await import("drizzle-orm");
    const automationRows = async () => [
      ...(await wa.database.db.select({ id: runs.id }).from(runs).where(eq(runs.profileId, "p1"))),
      ...(await wa.database.db.select({ id: timers.id }).from(timers).where(eq(timers.profileId, "p1"))),
    ];
    expect((await automationRows()).length).toBe(2); // the run (with its graph) and its timeout
    await wa.profiles.remove("p1");
    expect(await automationRows()).toEqual([]);
    await wa.close();
  });
});
