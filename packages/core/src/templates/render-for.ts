import type { Engine } from "../engine/types.js";
import type { MessageContent } from "../schemas/message.js";
import { renderBusinessTemplate } from "./business-link.js";
import { compileTemplate, renderSegments, type RenderData } from "./render.js";
import { toContent, type Template } from "./store.js";

/**
 * A saved template rendered for the engine that sends it: as its linked platform template where the
 * engine only takes approved templates (the Cloud API), as text (or media with caption) elsewhere.
 */
export function renderTemplateFor(
  template: Pick<Template, "body" | "media" | "defaults" | "businessTemplate">,
  data: RenderData,
  engine: Pick<Engine, "requiresApprovedTemplates">,
): MessageContent {
  if (engine.requiresApprovedTemplates && template.businessTemplate)
    return renderBusinessTemplate(template.businessTemplate, data, template.defaults);
  const { text } = renderSegments(compileTemplate(template.body), data, template.defaults);
  return toContent(text, template.media);
}
