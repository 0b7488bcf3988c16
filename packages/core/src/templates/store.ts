import { randomBytes } from "node:crypto";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import { MediaSourceSchema, type MessageContent } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import { BusinessTemplateLinkSchema } from "./business-link.js";
import { compileTemplate, isVariablePath, renderSegments, templateVariables, type RenderData } from "./render.js";
import { templates } from "./table.js";

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
  /** The official platform's template this one sends as on the Cloud API, with its parameters mapped. */
  businessTemplate: BusinessTemplateLinkSchema.optional(),
};

/** Bodies are compiled here, so an unknown `{{variable}}` fails at save time, not at send time. */
const checkTemplate = (t: { body?: string; defaults?: Record<string, string> }, ctx: z.core.$RefinementCtx) => {
  if (t.body !== undefined) {
    try {
      compileTemplate(t.body);
    } catch (error) {
      for (const issue of ((error as MultiWAError).details.issues as { message: string }[]) ?? [])
        ctx.addIssue({ code: "custom", path: ["body"], message: issue.message });
    }
  }
  for (const k of Object.keys(t.defaults ?? {}))
    if (!isVariablePath(k)) ctx.addIssue({ code: "custom", path: ["defaults", k], message: `unknown variable "${k}"` });
};

export const CreateTemplateSchema = z.object(templateFields).superRefine(checkTemplate);
// Without defaults: a patch must not reset the category or defaults it leaves out.
export const UpdateTemplateSchema = z
  .object({
    ...templateFields,
    category: z.string().trim().min(1).max(64),
    defaults: z.record(z.string(), z.string().max(1000)),
    /** `null` unlinks the platform template. */
    businessTemplate: BusinessTemplateLinkSchema.nullable(),
  })
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

type Row = typeof templates.$inferSelect;

/**
 * Message templates per workspace, with usage statistics, in SQL. Every read asks the database and
 * every change is one statement, so edits and usage counts from any node add up.
 */
export class TemplateStore {
  constructor(private readonly db: Db) {}

  async create(workspaceId: string, input: CreateTemplateInput): Promise<Template> {
    const parsed = parseInput(CreateTemplateSchema, input, "template");
    const now = Date.now();
    const [row] = await this.db
      .insert(templates)
      .values({
        workspaceId,
        id: `tpl_${randomBytes(6).toString("hex")}`,
        name: parsed.name,
        category: parsed.category,
        body: parsed.body,
        media: parsed.media ?? null,
        defaults: parsed.defaults,
        businessTemplate: parsed.businessTemplate ?? null,
        variables: templateVariables(compileTemplate(parsed.body)),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toTemplate(row!);
  }

  async get(workspaceId: string, id: string): Promise<Template> {
    const [row] = await this.db.select().from(templates).where(this.key(workspaceId, id));
    if (!row) throw notFound(id);
    return toTemplate(row);
  }

  /** Oldest first; `limit` and `after` (a template id of the previous page) read it by keyset. */
  async list(
    workspaceId: string,
    filter: { category?: string; limit?: number; after?: string } = {},
  ): Promise<Template[]> {
    const where: (SQL | undefined)[] = [eq(templates.workspaceId, workspaceId)];
    if (filter.category) where.push(eq(templates.category, filter.category));
    if (filter.after) {
      const after = this.db
        .select({ createdAt: templates.createdAt })
        .from(templates)
        .where(this.key(workspaceId, filter.after));
      where.push(sql`(${templates.createdAt}, ${templates.id}) > ((${after}), ${filter.after})`);
    }
    const query = this.db
      .select()
      .from(templates)
      .where(and(...where))
      .orderBy(asc(templates.createdAt), asc(templates.id));
    return (await (filter.limit ? query.limit(filter.limit) : query)).map(toTemplate);
  }

  async update(workspaceId: string, id: string, patch: UpdateTemplateInput): Promise<Template> {
    const parsed = parseInput(UpdateTemplateSchema, patch, "template");
    const set: Partial<typeof templates.$inferInsert> = { ...clean(parsed), updatedAt: Date.now() };
    if (parsed.body !== undefined) set.variables = templateVariables(compileTemplate(parsed.body));
    const [row] = await this.db.update(templates).set(set).where(this.key(workspaceId, id)).returning();
    if (!row) throw notFound(id);
    return toTemplate(row);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const deleted = await this.db.delete(templates).where(this.key(workspaceId, id)).returning({ id: templates.id });
    if (!deleted.length) throw notFound(id);
  }

  /** Renders a saved template for one contact: the message content plus variables that stayed empty. */
  render(
    template: Pick<Template, "body" | "media" | "defaults">,
    data: RenderData,
  ): { content: MessageContent; missing: string[] } {
    const { text, missing } = renderSegments(compileTemplate(template.body), data, template.defaults);
    return { content: toContent(text, template.media), missing };
  }

  /** Counts `count` more sends of a template: one increment, so nodes counting at once never lose a use. */
  async recordUse(workspaceId: string, id: string, count = 1, at = Date.now()): Promise<void> {
    await this.db
      .update(templates)
      .set({
        timesUsed: sql`${templates.timesUsed} + ${count}`,
        lastUsedAt: sql`greatest(coalesce(${templates.lastUsedAt}, 0), ${at})`,
      })
      .where(this.key(workspaceId, id))
      .catch(() => undefined);
  }

  async removeWorkspace(workspaceId: string): Promise<void> {
    await this.db.delete(templates).where(eq(templates.workspaceId, workspaceId));
  }

  // --- Internal helpers ---

  private key(workspaceId: string, id: string): SQL {
    return and(eq(templates.workspaceId, workspaceId), eq(templates.id, id))!;
  }
}

export function toContent(text: string, media?: z.output<typeof TemplateMediaSchema>): MessageContent {
  if (!media) return { type: "text", text };
  const base = { media: media.media, ...(media.mimetype ? { mimetype: media.mimetype } : {}) };
  if (media.type === "audio") return { type: "audio", ...base } as MessageContent;
  if (media.type === "document")
    return {
      type: "document",
      ...base,
      ...(text ? { caption: text } : {}),
      ...(media.fileName ? { fileName: media.fileName } : {}),
    } as MessageContent;
  return { type: media.type, ...base, ...(text ? { caption: text } : {}) } as MessageContent;
}

// --- Internal helpers ---

function toTemplate(row: Row): Template {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    category: row.category,
    body: row.body,
    ...(row.media ? { media: row.media } : {}),
    defaults: row.defaults,
    ...(row.businessTemplate ? { businessTemplate: row.businessTemplate } : {}),
    variables: row.variables,
    usage: { timesUsed: row.timesUsed, ...(row.lastUsedAt !== null ? { lastUsedAt: row.lastUsedAt } : {}) },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No template "${id}" in this workspace`, {
    details: { field: "templateId", value: id },
  });
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
