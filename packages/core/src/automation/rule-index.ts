import { toJid } from "../jid.js";
import { compileSafeRegex, type SafeRegex } from "./regex.js";
import type { RuleTrigger } from "./schema.js";
import { containsPhrase, normalizeText, words } from "./text.js";

/** What a trigger is matched against: one inbound message. */
export interface InboundFacts {
  /** Message text (or media caption), as received. */
  text: string;
  type: string;
  /** The sender wrote for the first time. */
  isNewContact: boolean;
  /** Set for a ringing call instead of a message: its media and the caller's JID. */
  call?: { media: "voice" | "video"; from: string };
}

interface Entry<T> {
  item: T;
  priority: number;
  /** Insertion order: ties in priority keep it. */
  seq: number;
}

/**
 * The rules (and flow triggers) of a workspace, indexed so one message costs a few map lookups
 * whatever the number of rules: exact keywords by normalized text, `contains` keywords by their
 * first word (then the phrase is checked), message types by type. Only regex triggers are tried
 * one by one, and only when there are some.
 */
export class RuleIndex<T> {
  private readonly exact = new Map<string, Entry<T>[]>();
  private readonly byWord = new Map<string, { entry: Entry<T>; phrase: string }[]>();
  private readonly byType = new Map<string, Entry<T>[]>();
  private readonly newContact: Entry<T>[] = [];
  private readonly calls: { entry: Entry<T>; media: string[]; callers?: Set<string> }[] = [];
  private readonly regexes: { entry: Entry<T>; re: SafeRegex; source: string }[] = [];
  /** All regexes as one alternation: one linear scan tells whether any of them can match. */
  private anyRegex?: SafeRegex;
  private seq = 0;

  add(item: T, trigger: RuleTrigger, priority = 0): void {
    const entry: Entry<T> = { item, priority, seq: this.seq++ };
    switch (trigger.type) {
      case "keyword":
        for (const keyword of new Set(trigger.keywords.map(normalizeText))) {
          if (!keyword) continue;
          if (trigger.match === "exact") push(this.exact, keyword, entry);
          else push(this.byWord, words(keyword)[0]!, { entry, phrase: keyword });
        }
        return;
      case "regex":
        this.regexes.push({
          entry,
          re: compileSafeRegex(trigger.pattern, trigger.flags),
          source: trigger.flags === "i" ? `(?i:${trigger.pattern})` : `(?:${trigger.pattern})`,
        });
        this.anyRegex = undefined;
        return;
      case "new_contact":
        this.newContact.push(entry);
        return;
      case "message_type":
        for (const type of trigger.messageTypes) push(this.byType, type, entry);
        return;
      case "call":
        this.calls.push({
          entry,
          media: trigger.media,
          ...(trigger.callers?.length ? { callers: new Set(trigger.callers.map((c) => toJid(c))) } : {}),
        });
        return;
      case "schedule":
      // fired by the clock, never by a message
    }
  }

  /** Items whose trigger matches, highest priority first, each once. */
  match(facts: InboundFacts): T[] {
    const found: Entry<T>[] = [];
    const call = facts.call;
    if (call)
      for (const c of this.calls)
        if (c.media.includes(call.media) && (!c.callers || c.callers.has(call.from))) found.push(c.entry);
    const text = facts.text ? normalizeText(facts.text) : "";
    if (text) {
      const exact = this.exact.get(text);
      if (exact) found.push(...exact);
      if (this.byWord.size) {
        for (const word of new Set(words(text))) {
          const candidates = this.byWord.get(word);
          if (candidates) for (const c of candidates) if (containsPhrase(text, c.phrase)) found.push(c.entry);
        }
      }
      if (this.regexes.length) {
        this.anyRegex ??=
          this.regexes.length > 1
            ? compileSafeRegex(this.regexes.map((r) => r.source).join("|"), "")
            : this.regexes[0]!.re;
        if (this.anyRegex.test(facts.text))
          for (const r of this.regexes) if (r.re.test(facts.text)) found.push(r.entry);
      }
    }
    const typed = this.byType.get(facts.type);
    if (typed) found.push(...typed);
    if (facts.isNewContact) found.push(...this.newContact);
    if (found.length < 2) return found.map((e) => e.item);
    const unique = [...new Set(found)].sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    return unique.map((e) => e.item);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
