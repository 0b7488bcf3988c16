import type { Storage } from "unstorage";
import { Cron } from "croner";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { WorkspaceRecords } from "../storage/workspace-records.js";
import { compileSafeRegex } from "./regex.js";
import { checkRuleTargets, type TargetCheck } from "./targets.js";
import { CreateRuleSchema, UpdateRuleSchema, type CreateRuleInput, type Rule, type UpdateRuleInput } from "./schema.js";

/** Automation rules per workspace. `onChange` tells the engine to rebuild that workspace's index. */
export class RuleStore {
  private readonly records: WorkspaceRecords<Rule>;

  constructor(
    storage: Storage,
    onChange: (workspaceId: string) => void = () => {},
    private readonly checkTarget: TargetCheck = async () => {},
  ) {
    this.records = new WorkspaceRecords<Rule>(storage, "autorules", "rule", onChange);
  }

  async create(workspaceId: string, input: CreateRuleInput): Promise<Rule> {
    const parsed = parseInput(CreateRuleSchema, input, "rule");
    checkRule(parsed);
    await checkRuleTargets(parsed.actions, this.checkTarget);
    return this.records.insert(workspaceId, parsed);
  }

  get(workspaceId: string, id: string): Promise<Rule> {
    return this.records.get(workspaceId, id);
  }

  async list(workspaceId: string): Promise<Rule[]> {
    return (await this.records.list(workspaceId)).sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt));
  }

  async update(workspaceId: string, id: string, patch: UpdateRuleInput): Promise<Rule> {
    const parsed = parseInput(UpdateRuleSchema, patch, "rule") as Partial<Rule>;
    await checkRuleTargets(parsed.actions, this.checkTarget);
    return this.records.update(workspaceId, id, parsed, checkRule);
  }

  remove(workspaceId: string, id: string): Promise<void> {
    return this.records.remove(workspaceId, id);
  }

  /** Every rule of every workspace (for the schedule clock). */
  all(): Promise<Rule[]> {
    return this.records.all();
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
