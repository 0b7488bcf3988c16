import type { BusinessTemplate, BusinessTemplateDraft } from "@multiwa/core";
import type { GraphClient } from "./graph.js";

/** A template as the Graph API lists it (`GET /{waba-id}/message_templates`). */
interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  rejected_reason?: string;
  components?: {
    type: string;
    format?: string;
    text?: string;
    buttons?: { type: string; text: string; url?: string }[];
  }[];
}

/** The WABA's message templates through the Graph API: list (all pages), submit for review, delete. */
export class TemplateClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly wabaId: string,
  ) {}

  async list(): Promise<BusinessTemplate[]> {
    const out: BusinessTemplate[] = [];
    let after: string | undefined;
    // Pages of 100, following `paging.next`: a WABA can hold hundreds of templates.
    for (let page = 0; page < 50; page++) {
      const answer = await this.graph.get<{
        data: GraphTemplate[];
        paging?: { next?: string; cursors?: { after?: string } };
      }>(`${this.wabaId}/message_templates?limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}`);
      out.push(...answer.data.map(toTemplate));
      after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return out;
  }

  async create(draft: BusinessTemplateDraft): Promise<BusinessTemplate> {
    const body = {
      type: "BODY",
      text: draft.body,
      ...(draft.examples?.length ? { example: { body_text: [draft.examples] } } : {}),
    };
    const answer = await this.graph.post<{ id: string; status: string; category: string }>(
      `${this.wabaId}/message_templates`,
      { name: draft.name, language: draft.language, category: draft.category, components: [body] },
    );
    return {
      id: answer.id,
      name: draft.name,
      language: draft.language,
      category: answer.category ?? draft.category,
      status: answer.status,
      body: draft.body,
    };
  }

  async remove(name: string): Promise<void> {
    await this.graph.delete(`${this.wabaId}/message_templates?name=${encodeURIComponent(name)}`);
  }
}

function toTemplate(t: GraphTemplate): BusinessTemplate {
  const body = t.components?.find((c) => c.type === "BODY")?.text;
  const header = t.components?.find((c) => c.type === "HEADER" && (c.format ?? "TEXT") === "TEXT")?.text;
  const buttons = t.components?.find((c) => c.type === "BUTTONS")?.buttons;
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    ...(body ? { body } : {}),
    ...(header ? { header } : {}),
    ...(buttons?.length
      ? { buttons: buttons.map((b) => ({ type: b.type, text: b.text, ...(b.url ? { url: b.url } : {}) })) }
      : {}),
    ...(t.rejected_reason && t.rejected_reason !== "NONE" ? { rejectedReason: t.rejected_reason } : {}),
  };
}
