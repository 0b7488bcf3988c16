import { z } from "zod";
import { BUSINESS_TEMPLATE_CATEGORIES } from "../engine/business-template-types.js";

/** How many `{{n}}` parameters a body uses: they must run 1, 2, 3… with none skipped (Meta's rule). */
const parameters = (body: string) => [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));

/** A template to submit to the official platform for review (issue #22). */
export const BusinessTemplateDraftSchema = z
  .object({
    /** Lowercase letters, digits and underscores, as Meta requires. */
    name: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/, "must be lowercase letters, digits and underscores")
      .describe("Template name: lowercase letters, digits and underscores"),
    /** A locale code such as `en_US`, `id` or `pt_BR`. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a locale code such as en_US")
      .describe("Locale code such as en_US, id or pt_BR"),
    category: z.enum(BUSINESS_TEMPLATE_CATEGORIES).describe("What Meta bills it as and lets it be used for"),
    /** The body, with positional parameters `{{1}}`, `{{2}}`… */
    body: z.string().min(1).max(1024).describe("Body text with positional parameters {{1}}, {{2}}…"),
    /** One sample value per parameter, in order (Meta refuses a parameterised body without them). */
    examples: z.array(z.string().min(1).max(200)).max(20).optional(),
  })
  .superRefine((draft, ctx) => {
    const used = [...new Set(parameters(draft.body))].sort((a, b) => a - b);
    if (used.some((n, i) => n !== i + 1))
      ctx.addIssue({ code: "custom", path: ["body"], message: "parameters must be {{1}}, {{2}}… with none skipped" });
    if (used.length && (draft.examples?.length ?? 0) !== used.length)
      ctx.addIssue({
        code: "custom",
        path: ["examples"],
        message: `give one example per parameter (${used.length})`,
      });
  });
export type BusinessTemplateDraftInput = z.input<typeof BusinessTemplateDraftSchema>;

export const BusinessTemplateNameSchema = z.object({ name: BusinessTemplateDraftSchema.shape.name });
