import { randomBytes } from "node:crypto";
import { Cron } from "croner";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import { toJid } from "../jid.js";
import { parseInput } from "../schemas/parse.js";
import { decodeCursor, encodeCursor, type Page, type PageQuery } from "./page-cursor.js";
import { compileSafeRegex } from "./regex.js";
import { bumpRevision } from "./revisions.js";
import { automationRules, type RuleSpec } from "./table.js";
import { checkRuleTargets, type TargetCheck } from "./targets.js";
import { CreateRuleSchema, UpdateRuleSchema, type CreateRuleInput, type Rule, type UpdateRuleInput } from "./schema.js";

type Row = typeof automationRules.$inferSelect;

/**
 * Automation rules per workspace in SQL. Each write bumps the workspace's revision in the same
 * transaction, so every node's matching index sees it on the next message (#18).
 */
export class RuleStore {
  constructor(
    private readonly db: Db,
    private readonly checkTarget: TargetCheck = async () => {},
  ) {}

  async create(workspaceId: string, input: CreateRuleInput): Promise<Rule> {
    const parsed = parseInput(CreateRuleSchema, input, "rule");
    checkRule(parsed);
    await checkRuleTargets(parsed.actions, this.checkTarget);
    const now = Date.now();
    const rule: Rule = {
      ...parsed,
      id: `rule_${randomBytes(6).toString("hex")}`,
      workspaceId,
      createdAt: iso(now),
      updatedAt: iso(now),
    };
    await this.db.transaction(async (tx) => {
      await tx.insert(automationRules).values(toRow(rule));
      await bumpRevision(tx, workspaceId);
    });
    return rule;
  }

  async get(workspaceId: string, id: string): Promise<Rule> {
    const [row] = await this.db
      .select()
      .from(automationRules)
      .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, id)));
    if (!row) throw notFound(id);
    return toRule(row);
  }

  /** In the order they are tried: highest priority first, then oldest. */
  async list(workspaceId: string): Promise<Rule[]> {
    return (await this.page(workspaceId)).items;
  }

  /**
   * One page in list order; `after` (the previous page's `nextCursor`) continues by keyset on
   * (priority desc, createdAt, id), so a rule created or re-prioritised meanwhile never shifts a page.
   */
  async page(workspaceId: string, query: PageQuery = {}): Promise<Page<Rule>> {
    const r = automationRules;
    const cursor = query.after ? decodeCursor(query.after, 2) : undefined;
    const after = cursor
      ? sql`(${r.priority} < ${cursor.keys[0]} OR (${r.priority} = ${cursor.keys[0]} AND (${r.createdAt}, ${r.id}) > (${cursor.keys[1]}, ${cursor.id})))`
      : undefined;
    const ordered = this.db
      .select()
      .from(r)
      .where(and(eq(r.workspaceId, workspaceId), after))
      .orderBy(desc(r.priority), asc(r.createdAt), asc(r.id));
    const rows = await (query.limit ? ordered.limit(query.limit) : ordered);
    const last = query.limit && rows.length === query.limit ? rows.at(-1) : undefined;
    return {
      items: rows.map(toRule),
      ...(last ? { nextCursor: encodeCursor([last.priority, last.createdAt], last.id) } : {}),
    };
  }

  async update(workspaceId: string, id: string, patch: UpdateRuleInput): Promise<Rule> {
    const parsed = parseInput(UpdateRuleSchema, patch, "rule") as Partial<Rule>;
    await checkRuleTargets(parsed.actions, this.checkTarget);
    return this.db.transaction(async (tx) => {
      // Locked: two patches at once each keep the other's fields.
      const [row] = await tx
        .select()
        .from(automationRules)
        .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, id)))
        .for("update");
      if (!row) throw notFound(id);
      const defined = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
      const merged: Rule = { ...toRule(row), ...defined, updatedAt: iso(Date.now()) };
      checkRule(merged);
      await tx
        .update(automationRules)
        .set(toRow(merged))
        .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, id)));
      await bumpRevision(tx, workspaceId);
      return merged;
    });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const deleted = await tx
        .delete(automationRules)
        .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, id)))
        .returning({ id: automationRules.id });
      if (!deleted.length) throw notFound(id);
      await bumpRevision(tx, workspaceId);
    });
  }

  /** Enabled schedule rules of every workspace (for the clock), by the partial index on the trigger. */
  async scheduled(): Promise<Rule[]> {
    const rows = await this.db
      .select()
      .from(automationRules)
      .where(and(eq(automationRules.triggerType, "schedule"), eq(automationRules.enabled, true)));
    return rows.map(toRule);
  }
}

// --- Internal helpers ---

function toRow(rule: Rule): typeof automationRules.$inferInsert {
  const { id, workspaceId, createdAt, updatedAt, enabled, priority, ...spec } = rule;
  return {
    id,
    workspaceId,
    enabled,
    priority,
    triggerType: rule.trigger.type,
    spec: spec satisfies RuleSpec,
    createdAt: Date.parse(createdAt),
    updatedAt: Date.parse(updatedAt),
  };
}

function toRule(row: Row): Rule {
  return {
    ...row.spec,
    id: row.id,
    workspaceId: row.workspaceId,
    enabled: row.enabled,
    priority: row.priority,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No rule "${id}" in this workspace`, {
    details: { field: "ruleId", value: id },
  });
}

/** What zod cannot see: the regex compiles in the safe engine, the cron pattern parses, callers are numbers. */
function checkRule(rule: Pick<Rule, "trigger" | "actions">): void {
  const t = rule.trigger;
  const rejects = rule.actions.findIndex((a) => a.type === "reject_call");
  if (rejects >= 0 && t.type !== "call")
    throw new MultiWAError("VALIDATION_FAILED", "Only a rule with a call trigger can reject a call", {
      details: { field: `actions.${rejects}.type`, value: "reject_call" },
    });
  if (t.type === "call") for (const [i, caller] of (t.callers ?? []).entries()) toJid(caller, `trigger.callers.${i}`);
  if (t.type === "regex") compileSafeRegex(t.pattern, t.flags);
  if (t.type === "schedule") {
    try {
      new Cron(t.cron, { timezone: t.timezone, paused: true });
    } catch (cause) {
      throw new MultiWAError("VALIDATION_FAILED", `Invalid cron pattern: ${(cause as Error).message}`, {
        cause,
        details: { field: "trigger.cron", value: t.cron },
      });
    }
  }
}
