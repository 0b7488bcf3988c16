import type { Storage } from "unstorage";
import { segment } from "../storage/namespaces.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { TargetCheck } from "./targets.js";
import {
  AutomationSettingsSchema,
  type AutomationSettings,
  type AutomationSettingsInput,
  type AutomationSettingsView,
} from "./schema.js";

/** Per-workspace automation settings (the AI endpoint). The API key is stored but never shown. */
export class AutomationSettingsStore {
  constructor(
    private readonly storage: Storage,
    private readonly checkTarget: TargetCheck = async () => {},
  ) {}

  async get(workspaceId: string): Promise<AutomationSettings> {
    return (await this.storage.getItem<AutomationSettings>(key(workspaceId))) ?? {};
  }

  async view(workspaceId: string): Promise<AutomationSettingsView> {
    return toView(await this.get(workspaceId));
  }

  /** `ai: null` removes the endpoint; an `ai` without `apiKey` keeps the stored key. */
  async put(workspaceId: string, input: AutomationSettingsInput): Promise<AutomationSettingsView> {
    const parsed = parseInput(AutomationSettingsSchema, input, "settings");
    if (parsed.ai) await this.checkTarget(parsed.ai.baseUrl, "ai.baseUrl");
    const current = await this.get(workspaceId);
    const next: AutomationSettings = {};
    if (parsed.ai) {
      const apiKey = parsed.ai.apiKey ?? (current.ai?.baseUrl === parsed.ai.baseUrl ? current.ai.apiKey : undefined);
      next.ai = { ...parsed.ai, ...(apiKey ? { apiKey } : {}) };
    } else if (parsed.ai === undefined && current.ai) next.ai = current.ai;
    await this.storage.setItem(key(workspaceId), next);
    return toView(next);
  }

  async requireAi(workspaceId: string): Promise<NonNullable<AutomationSettings["ai"]>> {
    const { ai } = await this.get(workspaceId);
    if (!ai)
      throw new MultiWAError(
        "VALIDATION_FAILED",
        "No AI endpoint is configured for this workspace (PUT /api/automation/settings)",
        { details: { field: "ai" } },
      );
    return ai;
  }
}

function toView(settings: AutomationSettings): AutomationSettingsView {
  if (!settings.ai) return {};
  const { apiKey, ...ai } = settings.ai;
  return { ai: { ...ai, hasApiKey: !!apiKey } };
}

/** In the `automationSettings` keyspace. */
function key(workspaceId: string): string {
  return segment(workspaceId);
}
