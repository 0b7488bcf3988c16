import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { Cron } from "croner";
import { segment } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { stripBase } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";
import { compileSafeRegex } from "./regex.js";
import { CreateRuleSchema, UpdateRuleSchema, type CreateRuleInput, type Rule, type UpdateRuleInput } from "./schema.js";

const BASE = "autorules";

/** Automation rules per workspace. `onChange` tells the engine to rebuild that workspace's index. */
export class RuleStore {
  private readonly writes = new KeyedSerial();

  constructor(
    private readonly storage: Storage,
    private readonly onChange: (workspaceId: string) => void = () => {},
  ) {}

  async create(workspaceId: string, input: CreateRuleInput): Promise<Rule> {
    const parsed = parseInput(CreateRuleSchema, input, "rule");
    checkRule(parsed);
    const now = new Date().toISOString();
    const rule: Rule = { ...parsed, id: `rule_${randomBytes(6).toString("hex")}`, workspaceId, createdAt: now, updatedAt: now };
    await this.storage.setItem(key(workspaceId, rule.id), rule);
    this.onChange(workspaceId);
    return rule;
  }

  async get(workspaceId: string, id: string): Promise<Rule> {
    const rule = /^[\w-]+$/.test(id) ? await this.storage.getItem<Rule>(key(workspaceId, id)) : null;
    if (!rule) throw new MultiWAError("NOT_FOUND", `No rule "${id}" in this workspace`, { details: { field: "ruleId", value: id } });
    return rule;
  }

  async list(workspaceId: string): Promise<Rule[]> {
    const base = `${BASE}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.storage.getItem<Rule>(`${base}:${id}`)));
    return all.filter((r): r is Rule => !!r).sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt));
  }

  async update(workspaceId: string, id: string, patch: UpdateRuleInput): Promise<Rule> {
    const parsed = parseInput(UpdateRuleSchema, patch, "rule");
    const next = await this.writes.run(id, async () => {
      const current = await this.get(workspaceId, id);
      const merged = { ...current, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)), updatedAt: new Date().toISOString() } as Rule;
      checkRule(merged);
      await this.storage.setItem(key(workspaceId, id), merged);
      return merged;
    });
    this.onChange(workspaceId);
    return next;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id);
    await this.storage.removeItem(key(workspaceId, id));
    this.onChange(workspaceId);
  }

  /** Every rule of every workspace (for the schedule clock). */
  async all(): Promise<Rule[]> {
    const rules = await Promise.all((await this.storage.getKeys(BASE)).map((k) => this.storage.getItem<Rule>(k)));
    return rules.filter((r): r is Rule => !!r);
  }
}

/** What zod cannot see: the regex compiles in the safe engine, the cron pattern parses. */
function checkRule(rule: Pick<Rule, "trigger">): void {
  const t = rule.trigger;
  if (t.type === "regex") compileSafeRegex(t.pattern, t.flags);
  if (t.type === "schedule") {
    try {
      new Cron(t.cron, { timezone: t.timezone, paused: true });
    } catch (cause) {
      throw new MultiWAError("VALIDATION_FAILED", `Invalid cron pattern: ${(cause as Error).message}`, { cause, details: { field: "trigger.cron", value: t.cron } });
    }
  }
}

function key(workspaceId: string, id: string): string {
  return `${BASE}:${segment(workspaceId)}:${id}`;
}
