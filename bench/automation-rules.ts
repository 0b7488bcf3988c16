// Cost of rule matching per inbound message with 10,000 rules, against two baselines measured in the
// same run: the same messages through an empty index, and a naive linear scan over the 10,000 rules.
// Then the whole inbound path (wa.automation.onMessage: contact lookup, flow state, matching) on memory storage.
// Run: node --conditions=dev-source --import tsx bench/automation-rules.ts
import { createStorageFromUrl } from "../packages/core/src/storage/create.js";
import { RuleIndex } from "../packages/core/src/automation/rule-index.js";
import type { RuleTrigger } from "../packages/core/src/automation/schema.js";
import { containsPhrase, normalizeText } from "../packages/core/src/automation/text.js";
import { compileSafeRegex } from "../packages/core/src/automation/regex.js";
import { createMultiWA } from "../packages/core/src/multiwa.js";
import { mockEngine, MockNetwork } from "../packages/core/src/engines/mock.js";

const RULES = 10_000;
const word = (i: number) => `w${i.toString(36)}`;

/** 60% exact keywords, 38% contains phrases, 1.9% message types, 10 regexes. */
function triggers(): RuleTrigger[] {
  const out: RuleTrigger[] = [];
  for (let i = 0; i < RULES; i++) {
    if (i < 10) out.push({ type: "regex", pattern: `order\\s*#?${1000 + i}\\d*`, flags: "i" });
    else if (i % 50 === 0) out.push({ type: "message_type", messageTypes: ["image"] });
    else if (i % 5 < 3) out.push({ type: "keyword", keywords: [`${word(i)} ${word(i + 1)}`, word(i)], match: "exact" });
    else out.push({ type: "keyword", keywords: [`${word(i)} please`], match: "contains" });
  }
  return out;
}

const messages = [
  "What is the price of the blue shoes?",
  `${word(4242)}`,
  `hello, ${word(1233)} please, and quickly`,
  "Où est ma commande? Préço! order #1234567",
  "a much longer message that talks about nothing in particular but has quite a few words in it, like twenty or so words",
  "ok",
];

function timeIt(label: string, rounds: number, fn: (m: string) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(messages[i % messages.length]!); // warm up
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < rounds; i++) sink += (fn(messages[i % messages.length]!) as unknown[]).length;
  const us = Number(process.hrtime.bigint() - start) / 1000 / rounds;
  console.log(`${label.padEnd(44)} ${us.toFixed(2).padStart(9)} µs/message  (matches ${sink})`);
  return us;
}

const all = triggers();
const index = new RuleIndex<number>();
all.forEach((t, i) => index.add(i, t, i % 7));
const empty = new RuleIndex<number>();
// The naive way: normalize once, then test every rule.
const compiled = all.map((t) =>
  t.type === "regex"
    ? { ...t, re: compileSafeRegex(t.pattern, t.flags) }
    : t.type === "keyword"
      ? { ...t, keywords: t.keywords.map(normalizeText) }
      : t,
);
const naive = (m: string) => {
  const text = normalizeText(m);
  const hits: number[] = [];
  compiled.forEach((t, i) => {
    if (t.type === "keyword" && t.keywords.some((k) => (t.match === "exact" ? k === text : containsPhrase(text, k))))
      hits.push(i);
    else if (t.type === "regex" && "re" in t && t.re.test(m)) hits.push(i);
  });
  return hits;
};

console.log(`rule matching, ${RULES.toLocaleString("en")} rules, ${messages.length} message shapes`);
const empt = timeIt("empty index (baseline)", 200_000, (m) =>
  empty.match({ text: m, type: "text", isNewContact: false }),
);
const idx = timeIt(`indexed, ${RULES} rules`, 200_000, (m) =>
  index.match({ text: m, type: "text", isNewContact: false }),
);
const lin = timeIt(`naive linear scan, ${RULES} rules (baseline)`, 2_000, naive);
console.log(
  `indexed / empty: ${(idx / empt).toFixed(2)}x   naive / indexed: ${(lin / idx).toFixed(0)}x   goal < 50 µs: ${idx < 50 ? "met" : "MISSED"}`,
);

// --- The whole inbound path through MultiWA ---
const network = new MockNetwork();
const wa = await createMultiWA({
  storage: await createStorageFromUrl("memory:"),
  engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
  pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
});
await wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme" });
await wa.sessions.start("p1");
const perPath = async (label: string, count: number): Promise<number> => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await wa.automation.onMessage({
      profileId: "p1",
      id: `M${label}${i}`,
      chatId: "628155500001@s.whatsapp.net",
      sender: "628155500001@s.whatsapp.net",
      fromMe: false,
      timestamp: Date.now(),
      content: { type: "text", text: messages[i % 2 === 0 ? 0 : 4]! },
    });
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / count;
  console.log(`${label.padEnd(44)} ${us.toFixed(2).padStart(9)} µs/message`);
  return us;
};
console.log("\nwhole inbound path (wa.automation.onMessage, memory storage, no rule matches)");
await perPath("warm-up", 2000);
const bare = await perPath("0 rules (baseline)", 5000);
// Seeded in one statement per chunk, straight into the table (creating 10k rules one by one is not what this times).
const { automationRules } = await import("../packages/core/src/automation/table.js");
const rows = all.slice(0, RULES).map((t, i) => ({
  workspaceId: "acme",
  id: `r${i}`,
  enabled: true,
  priority: i % 7,
  triggerType: t.type,
  createdAt: i,
  updatedAt: i,
  spec: {
    name: `r${i}`,
    stopProcessing: true,
    cooldownMs: 60_000,
    trigger: t,
    conditions: [],
    actions: [{ type: "reply" as const, text: "x" }],
  },
}));
for (let i = 0; i < rows.length; i += 500) await wa.database.db.insert(automationRules).values(rows.slice(i, i + 500));
await wa.automation.rules.remove("acme", "r0"); // bumps the revision, as any write does
await perPath("warm-up", 2000);
const full = await perPath(`${RULES - 1} rules`, 5000);
console.log(`whole path, ${RULES - 1} rules / 0 rules: ${(full / bare).toFixed(2)}x (+${(full - bare).toFixed(2)} µs)`);
await wa.close();
