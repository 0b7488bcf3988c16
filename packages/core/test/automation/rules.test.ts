import { describe, expect, it } from "vitest";
import { RuleIndex } from "../../src/automation/rule-index.js";
import { compileSafeRegex } from "../../src/automation/regex.js";
import { normalizeText } from "../../src/automation/text.js";
import { inWindow } from "../../src/automation/conditions.js";
import { mockGateway } from "../helpers/mock.js";
import { automationGateway, PEER, PEER_JID, sleep, texts } from "./helpers.js";

describe("rule matching", () => {
  it("normalizes case, accents and punctuation", () => {
    expect(normalizeText("  PRÉÇO!!  por favor ")).toBe("preco por favor");
  });

  it("indexes exact, contains, type, new-contact and regex triggers by priority", () => {
    const index = new RuleIndex<string>();
    index.add("exact", { type: "keyword", keywords: ["Price"], match: "exact" }, 0);
    index.add("phrase", { type: "keyword", keywords: ["how much"], match: "contains" }, 5);
    index.add("image", { type: "message_type", messageTypes: ["image"] }, 0);
    index.add("new", { type: "new_contact" }, 1);
    index.add("order", { type: "regex", pattern: "order #?\\d{3,}", flags: "i" }, 2);
    index.add("sku", { type: "regex", pattern: "^SKU-\\d+$", flags: "" }, 0);
    expect(index.match({ text: "price", type: "text", isNewContact: false })).toEqual(["exact"]);
    expect(index.match({ text: "PRICE?", type: "text", isNewContact: true })).toEqual(["new", "exact"]);
    expect(index.match({ text: "the price please", type: "text", isNewContact: false })).toEqual([]);
    expect(index.match({ text: "Hi, how MUCH is it", type: "text", isNewContact: false })).toEqual(["phrase"]);
    expect(index.match({ text: "how is it much", type: "text", isNewContact: false })).toEqual([]);
    expect(index.match({ text: "where is Order #12345, how much", type: "image", isNewContact: false })).toEqual([
      "phrase",
      "order",
      "image",
    ]);
    // Regexes are prefiltered as one alternation; each keeps its own flags.
    expect(index.match({ text: "SKU-42", type: "text", isNewContact: false })).toEqual(["sku"]);
    expect(index.match({ text: "sku-42", type: "text", isNewContact: false })).toEqual([]);
    expect(index.match({ text: "ORDER 999", type: "text", isNewContact: false })).toEqual(["order"]);
  });

  it("regex runs in linear time: a catastrophic pattern does not stall, back-references are refused", () => {
    const evil = compileSafeRegex("^(a+)+$");
    const started = performance.now();
    expect(evil.test(`${"a".repeat(4000)}!`)).toBe(false);
    expect(compileSafeRegex("(x+x+)+y").test("x".repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => compileSafeRegex("(a)\\1")).toThrow(/Invalid regular expression/);
    expect(() => compileSafeRegex("a(?=b)")).toThrow(/Invalid regular expression/);
  });

  it("time windows follow the zone and span midnight", () => {
    const mondayNoonUtc = Date.parse("2026-11-30T12:00:00Z");
    expect(inWindow({ from: "09:00", to: "17:00" }, mondayNoonUtc)).toBe(true);
    expect(inWindow({ from: "09:00", to: "17:00", days: [0, 6] }, mondayNoonUtc)).toBe(false);
    expect(inWindow({ from: "09:00", to: "17:00", timezone: "Asia/Tokyo" }, mondayNoonUtc)).toBe(false); // 21:00 there
    expect(inWindow({ from: "22:00", to: "06:00", days: [0] }, Date.parse("2026-11-30T02:00:00Z"))).toBe(true); // Sunday night
  });
});

describe("rules end to end on the mock engine", { timeout: 120_000 }, () => {
  it("a phone says 'price', the rule replies once per cooldown; own messages never trigger", async () => {
    const { wa, peer, say } = await automationGateway();
    await wa.automation.rules.create("acme", {
      name: "Price",
      trigger: { type: "keyword", keywords: ["price", "preço"], match: "exact" },
      actions: [{ type: "reply", text: "Hi {{name|there}}, it costs 10" }],
    });
    say("Preço");
    expect((await peer.nextMessage()).content).toEqual({ type: "text", text: "Hi there, it costs 10" });
    say("price");
    await sleep(150);
    expect(texts(peer.messages())).toEqual([]); // cooldown (60 s by default)
    await wa.messages.send("p1", { to: PEER, content: { type: "text", text: "price" } }); // fromMe
    await sleep(100);
    expect(texts(peer.messages())).toEqual(["price"]);
    await wa.close();
  });

  it("a long cooldown survives a restart: the welcome is not sent again", async () => {
    const first = await automationGateway();
    await first.wa.automation.rules.create("acme", {
      name: "Welcome",
      cooldownMs: 86_400_000,
      trigger: { type: "keyword", keywords: ["hello"], match: "exact" },
      actions: [{ type: "reply", text: "welcome!" }],
    });
    first.say("hello");
    expect((await first.peer.nextMessage()).content).toEqual({ type: "text", text: "welcome!" });
    await first.wa.close();
    const again = await automationGateway({ storage: first.storage, network: first.network });
    again.say("hello");
    await sleep(200);
    expect(texts(again.peer.messages())).toEqual([]);
    await again.wa.close();
  });

  it("priorities, stop-processing, conditions on tags and fields, tag and field actions", async () => {
    const { wa, peer, say } = await automationGateway();
    const rules = wa.automation.rules;
    await rules.create("acme", {
      name: "low",
      priority: 0,
      trigger: { type: "keyword", keywords: ["hello"], match: "contains" },
      actions: [{ type: "reply", text: "low" }],
    });
    await rules.create("acme", {
      name: "vip",
      priority: 10,
      conditions: [{ type: "has_tag", tag: "vip" }],
      trigger: { type: "keyword", keywords: ["hello"], match: "contains" },
      actions: [{ type: "reply", text: "vip {{custom.plan}}" }],
    });
    await rules.create("acme", {
      name: "tagger",
      priority: 5,
      stopProcessing: false,
      cooldownMs: 0,
      conditions: [{ type: "not_tag", tag: "vip" }],
      trigger: { type: "keyword", keywords: ["upgrade me"], match: "contains" },
      actions: [
        { type: "add_tag", tag: "vip" },
        { type: "set_field", field: "plan", value: "gold" },
        { type: "reply", text: "upgraded" },
      ],
    });
    say("hello there");
    expect((await peer.nextMessage()).content).toMatchObject({ text: "low" });
    say("please upgrade me now");
    expect((await peer.nextMessage()).content).toMatchObject({ text: "upgraded" });
    expect(await wa.contacts.get("acme", PEER)).toMatchObject({ tags: ["vip"], fields: { plan: "gold" } });
    say("hello again");
    expect((await peer.nextMessage()).content).toMatchObject({ text: "vip gold" });
    await sleep(100);
    expect(texts(peer.messages())).toEqual([]); // "low" stopped by the higher rule
    await wa.close();
  });

  it("caps automated replies per chat per minute, so two bots cannot loop", async () => {
    const { wa, peer, say } = await automationGateway({ automation: { repliesPerMinute: 3 } });
    await wa.automation.rules.create("acme", {
      name: "echo",
      cooldownMs: 0,
      trigger: { type: "message_type", messageTypes: ["text"] },
      actions: [{ type: "reply", text: "echo" }],
    });
    for (let i = 0; i < 6; i++) say(`bot message ${i}`);
    await expect.poll(() => texts(peer.messages()).length).toBe(3);
    await sleep(300);
    expect(texts(peer.messages())).toEqual(["echo", "echo", "echo"]);
    await wa.close();
  });

  it("two gateways whose bots answer everything stop after the per-chat cap instead of looping", async () => {
    const a = await automationGateway({ automation: { repliesPerMinute: 5 } });
    const b = await mockGateway({ network: a.network, phone: PEER, automation: { repliesPerMinute: 5 } });
    await b.wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme" });
    await b.wa.sessions.start("p1");
    for (const wa of [a.wa, b.wa])
      await wa.automation.rules.create("acme", {
        name: "echo",
        cooldownMs: 0,
        trigger: { type: "message_type", messageTypes: ["text"] },
        actions: [{ type: "reply", text: "auto-reply" }],
      });
    await expect.poll(() => b.wa.sessions.status("p1").then((s) => s.status)).toBe("open");
    await a.wa.messages.send("p1", { to: PEER, content: { type: "text", text: "hello bot" } });
    const count = () => a.network.phone(PEER).messages().length + a.network.phone("628100000001").messages().length;
    await expect.poll(count, { timeout: 5000 }).toBe(11); // "hello bot" + 5 replies each way
    await sleep(500);
    expect(count()).toBe(11);
    await a.wa.close();
    await b.wa.close();
  });

  it("new contacts get a welcome; a regex rule answers order numbers", async () => {
    const { wa, peer, say } = await automationGateway();
    await wa.automation.rules.create("acme", {
      name: "welcome",
      stopProcessing: false,
      trigger: { type: "new_contact" },
      actions: [{ type: "reply", text: "welcome" }],
    });
    await wa.automation.rules.create("acme", {
      name: "order",
      trigger: { type: "regex", pattern: "order\\s*#?(\\d{4,})" },
      actions: [{ type: "reply", text: "looking up: {{message}}" }],
    });
    await expect(
      wa.automation.rules.create("acme", {
        name: "bad",
        trigger: { type: "regex", pattern: "(a)\\1" },
        actions: [{ type: "reply", text: "x" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    say("hi");
    expect((await peer.nextMessage()).content).toMatchObject({ text: "welcome" });
    say("where is ORDER #12345?");
    expect((await peer.nextMessage()).content).toMatchObject({ text: "looking up: where is ORDER #12345?" });
    await sleep(100);
    expect(texts(peer.messages())).toEqual([]);
    await wa.close();
  });

  it("a delay survives a restart: the rest of the actions run after it on the new process", async () => {
    const first = await automationGateway();
    await first.wa.automation.rules.create("acme", {
      name: "later",
      trigger: { type: "keyword", keywords: ["remind me"], match: "exact" },
      actions: [
        { type: "reply", text: "soon" },
        { type: "delay", ms: 600 },
        { type: "reply", text: "reminder!" },
      ],
    });
    first.say("remind me");
    expect((await first.peer.nextMessage()).content).toMatchObject({ text: "soon" });
    await first.wa.close();
    await sleep(700);
    const second = await automationGateway({ storage: first.storage, network: first.network });
    expect((await second.peer.nextMessage()).content).toMatchObject({ text: "reminder!" });
    await sleep(200);
    expect(texts(second.peer.messages())).toEqual([]);
    await second.wa.close();
  });

  it("schedule rules fire once per due time on the profile's node", async () => {
    const { wa, peer, storage } = await automationGateway({ automation: { clockMs: 50 } });
    const rule = await wa.automation.rules.create("acme", {
      name: "daily",
      trigger: { type: "schedule", cron: "0 9 * * *", chatIds: [PEER] },
      actions: [{ type: "reply", text: "good morning" }],
    });
    await expect(
      wa.automation.rules.create("acme", {
        name: "bad",
        trigger: { type: "schedule", cron: "61 * * * *", chatIds: [PEER] },
        actions: [{ type: "reply", text: "x" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const key = `autocron:p1:${rule.id}`;
    await expect.poll(() => storage.getItem<number>(key)).toBeGreaterThan(Date.now());
    const next = (await storage.getItem<number>(key))!;
    expect(new Date(next).getUTCHours()).toBe(9);
    await storage.setItem(key, Date.now() - 1000); // the 09:00 came
    expect((await peer.nextMessage(() => true, 2000)).content).toMatchObject({ text: "good morning" });
    await sleep(200);
    expect(texts(peer.messages())).toEqual([]);
    expect(await storage.getItem<number>(key)).toBeGreaterThan(Date.now());
    expect(PEER_JID).toContain(PEER);
    await wa.close();
  });
});
