import { z } from "zod";
import type { BusinessTemplate } from "../engine/business-template-types.js";
import { MultiWAError } from "../errors.js";
import type { TemplateContent } from "../schemas/message.js";
import { compileTemplate, renderSegments, type RenderData } from "./render.js";

/** A parameter's value: text with the template's `{{variables}}`, e.g. `{{firstName}}` or `#{{custom.order}}`. */
const ParameterValue = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      try {
        compileTemplate(value, "parameter");
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^\[multiwa\] /, "") });
      }
    });

/**
 * A MultiWA template's counterpart on the official platform (issue #22): Meta's template name and
 * language, and which values fill its positional parameters. Each value may use the same variables
 * as the body, so one saved template sends as text on unofficial engines and as this template on
 * the Cloud API.
 */
export const BusinessTemplateLinkSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, "must be lowercase letters, digits and underscores")
    .describe("Meta's template name"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a locale code such as en_US")
    .describe("The template's locale code, such as en_US"),
  /** Values of the body's `{{1}}`, `{{2}}`…, in order. */
  body: z.array(ParameterValue(1024)).max(100).default([]).describe("Values of the body's {{1}}, {{2}}…, in order"),
  /** The value of a text header's `{{1}}`. */
  header: z.array(ParameterValue(60)).max(1).default([]).describe("Value of the header's {{1}}, when it has one"),
  /** Values of dynamic buttons: a URL button's `{{1}}` suffix, or a quick reply's payload. */
  buttons: z
    .array(
      z.object({
        index: z.number().int().min(0).max(9).describe("The button's position in the template, from 0"),
        type: z.enum(["url", "quick_reply"]),
        value: ParameterValue(2000),
      }),
    )
    .max(10)
    .default([]),
});
export type BusinessTemplateLink = z.output<typeof BusinessTemplateLinkSchema>;
export type BusinessTemplateLinkInput = z.input<typeof BusinessTemplateLinkSchema>;

/** The link filled in for one contact: a template message ready to send. */
export function renderBusinessTemplate(
  link: BusinessTemplateLink,
  data: RenderData,
  defaults: Record<string, string> = {},
): TemplateContent {
  const fill = (value: string) => renderSegments(compileTemplate(value, "parameter"), data, defaults).text;
  return {
    type: "template",
    name: link.name,
    language: link.language,
    ...(link.body.length ? { parameters: link.body.map(fill) } : {}),
    ...(link.header.length ? { headerParameters: link.header.map(fill) } : {}),
    ...(link.buttons.length ? { buttons: link.buttons.map((b) => ({ ...b, value: fill(b.value) })) } : {}),
  };
}

/** How many `{{n}}` a template text has (Meta numbers them 1, 2, 3…). */
export function placeholderCount(text: string | undefined): number {
  return new Set(text?.match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;
}

/**
 * Checks a link against the platform's templates of the profile: the template must exist in that
 * language, be APPROVED, and get exactly the parameters it has. `field` names the link in errors.
 */
export function checkBusinessTemplate(
  link: BusinessTemplateLink,
  available: BusinessTemplate[],
  field: string,
  profileId: string,
): BusinessTemplate {
  const found = available.find((t) => t.name === link.name && t.language === link.language);
  if (!found || found.status !== "APPROVED") {
    const why = found
      ? `is ${found.status}${found.rejectedReason ? ` (${found.rejectedReason})` : ""}`
      : "does not exist on the profile's WhatsApp Business Account";
    throw new MultiWAError(
      "TEMPLATE_NOT_APPROVED",
      `Template "${link.name}" (${link.language}) ${why}; only an APPROVED template can be sent on profile "${profileId}" (see /api/profiles/${profileId}/business-templates)`,
      { details: { field, profileId, name: link.name, language: link.language, status: found?.status ?? null } },
    );
  }
  const expect = (what: "body" | "header", expected: number, given: number) => {
    if (expected !== given)
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `Template "${link.name}" has ${expected} ${what} parameter(s); ${given} given`,
        { details: { field: `${field}.${what}`, expected, given } },
      );
  };
  expect("body", placeholderCount(found.body), link.body.length);
  expect("header", placeholderCount(found.header), link.header.length);
  (found.buttons ?? []).forEach((button, index) => {
    const dynamic = button.type.toUpperCase() === "URL" && placeholderCount(button.url) > 0;
    const given = link.buttons.some((b) => b.index === index && b.type === "url");
    if (dynamic && !given)
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `Template "${link.name}": button ${index} (${button.text}) needs the value of its URL's {{1}}`,
        { details: { field: `${field}.buttons`, index } },
      );
  });
  return found;
}

/** Campaigns and rule sends on an engine that only takes approved templates, without one. */
export function templateRequired(profileId: string, engine: string, field: string): MultiWAError {
  return new MultiWAError(
    "TEMPLATE_REQUIRED",
    `Profile "${profileId}" runs ${engine}, which sends business-initiated messages only as approved templates: set \`${field}\` to a Meta template ({ name, language, body }) or use a saved template linked to one (\`businessTemplate\`)`,
    { details: { field, profileId, engine } },
  );
}
