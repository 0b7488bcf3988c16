import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { segment } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { MediaSourceSchema, type MessageContent } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import { clearPrefix, stripBase } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";
import { compileTemplate, isVariablePath, renderSegments, templateVariables, type RenderData } from "./render.js";

export const TemplateMediaSchema = z.object({
  type: z.enum(["image", "video", "document", "audio"]),
  media: MediaSourceSchema,
  mimetype: z.string().optional(),
  fileName: z.string().max(255).optional(),
});

const templateFields = {
  name: z.string().trim().min(1).max(120),
  category: z.string().trim().min(1).max(64).default("general"),
  /** Text (or the media caption) with `{{variables}}`. */
  body: z.string().min(1, "must not be empty").max(4096),
  /** Sent with the body as caption. */
  media: TemplateMediaSchema.optional(),
  /** Value of a variable when the contact has none, e.g. `{ "name": "there" }`. */
  defaults: z.record(z.string(), z.string().max(1000)).default({}),
};

/** Bodies are compiled here, so an unknown `{{variable}}` fails at save time, not at send time. */
const checkTemplate = (t: { body?: string; defaults?: Record<string, string> }, ctx: z.core.$RefinementCtx) => {
  if (t.body !== undefined) {
    try {
      compileTemplate(t.body);
    } catch (error) {
      for (const issue of ((error as MultiWAError).details.issues as { message: string }[]) ?? []) ctx.addIssue({ code: "custom", path: ["body"], message: issue.message });
    }
  }
  for (const k of Object.keys(t.defaults ?? {})) if (!isVariablePath(k)) ctx.addIssue({ code: "custom", path: ["defaults", k], message: `unknown variable "${k}"` });
};

export const CreateTemplateSchema = z.object(templateFields).superRefine(checkTemplate);
// Without defaults: a patch must not reset the category or defaults it leaves out.
export const UpdateTemplateSchema = z
  .object({ ...templateFields, category: z.string().trim().min(1).max(64), defaults: z.record(z.string(), z.string().max(1000)) })
  .partial()
  .superRefine(checkTemplate);
export type CreateTemplateInput = z.input<typeof CreateTemplateSchema>;
export type UpdateTemplateInput = z.input<typeof UpdateTemplateSchema>;

export interface Template extends z.output<typeof CreateTemplateSchema> {
  id: string;
  workspaceId: string;
  /** Variables the body uses. */
  variables: string[];
  usage: { timesUsed: number; lastUsedAt?: number };
  createdAt: number;
  updatedAt: number;
}

const BASE = "templates";

/** Message templates per workspace, with usage statistics. */
export class TemplateStore {
  private readonly writes = new KeyedSerial();

  constructor(private readonly storage: Storage) {}

  async create(workspaceId: string, input: CreateTemplateInput): Promise<Template> {
    const parsed = parseInput(CreateTemplateSchema, input, "template");
    const now = Date.now();
    const template: Template = { ...parsed, id: `tpl_${randomBytes(6).toString("hex")}`, workspaceId, variables: templateVariables(compileTemplate(parsed.body)), usage: { timesUsed: 0 }, createdAt: now, updatedAt: now };
    await this.storage.setItem(key(workspaceId, template.id), template);
    return template;
  }

  async get(workspaceId: string, id: string): Promise<Template> {
    const template = /^[\w-]+$/.test(id) ? await this.storage.getItem<Template>(key(workspaceId, id)) : null;
    if (!template) throw new MultiWAError("NOT_FOUND", `No template "${id}" in this workspace`, { details: { field: "templateId", value: id } });
    return template;
  }

  async list(workspaceId: string, filter: { category?: string } = {}): Promise<Template[]> {
    const base = `${BASE}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.storage.getItem<Template>(`${base}:${id}`)));
    return all.filter((t): t is Template => !!t && (!filter.category || t.category === filter.category)).sort((a, b) => a.createdAt - b.createdAt);
  }

  async update(workspaceId: string, id: string, patch: UpdateTemplateInput): Promise<Template> {
    const parsed = parseInput(UpdateTemplateSchema, patch, "template");
    return this.change(workspaceId, id, (t) => {
      const next = { ...t, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) } as Template;
      return { ...next, variables: templateVariables(compileTemplate(next.body)) };
    });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id);
    await this.storage.removeItem(key(workspaceId, id));
  }

  /** Renders a saved template for one contact: the message content plus variables that stayed empty. */
  render(template: Pick<Template, "body" | "media" | "defaults">, data: RenderData): { content: MessageContent; missing: string[] } {
    const { text, missing } = renderSegments(compileTemplate(template.body), data, template.defaults);
    return { content: toContent(text, template.media), missing };
  }

  /** Counts `count` more sends of a template. */
  async recordUse(workspaceId: string, id: string, count = 1, at = Date.now()): Promise<void> {
    await this.change(workspaceId, id, (t) => ({ ...t, usage: { timesUsed: t.usage.timesUsed + count, lastUsedAt: at } }), false).catch(() => undefined);
  }

  async removeWorkspace(workspaceId: string): Promise<void> {
    await clearPrefix(this.storage, `${BASE}:${segment(workspaceId)}`);
  }

  // --- Internal helpers ---

  private change(workspaceId: string, id: string, next: (t: Template) => Template, touch = true): Promise<Template> {
    return this.writes.run(key(workspaceId, id), async () => {
      const updated = next(await this.get(workspaceId, id));
      if (touch) updated.updatedAt = Date.now();
      await this.storage.setItem(key(workspaceId, id), updated);
      return updated;
    });
  }
}

export function toContent(text: string, media?: z.output<typeof TemplateMediaSchema>): MessageContent {
  if (!media) return { type: "text", text };
  const base = { media: media.media, ...(media.mimetype ? { mimetype: media.mimetype } : {}) };
  if (media.type === "audio") return { type: "audio", ...base } as MessageContent;
  if (media.type === "document") return { type: "document", ...base, ...(text ? { caption: text } : {}), ...(media.fileName ? { fileName: media.fileName } : {}) } as MessageContent;
  return { type: media.type, ...base, ...(text ? { caption: text } : {}) } as MessageContent;
}

function key(workspaceId: string, id: string): string {
  return `${BASE}:${segment(workspaceId)}:${id}`;
}
