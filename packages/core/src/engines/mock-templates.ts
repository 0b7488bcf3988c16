import type { BusinessTemplate, BusinessTemplateDraft } from "../engine/business-template-types.js";
import { MultiWAError } from "../errors.js";

/**
 * Message templates of the official platform, on the mock network (issue #22): each account's submitted
 * templates start PENDING; a test (or the demo) reviews them with `review`.
 */
export class MockTemplates {
  private readonly byAccount = new Map<string, BusinessTemplate[]>();
  private seq = 0;

  list(phone: string): BusinessTemplate[] {
    return [...(this.byAccount.get(phone) ?? [])];
  }

  create(phone: string, draft: BusinessTemplateDraft): BusinessTemplate {
    const list = this.byAccount.get(phone) ?? [];
    if (list.some((t) => t.name === draft.name && t.language === draft.language))
      throw new MultiWAError("ALREADY_EXISTS", `Template ${draft.name} (${draft.language}) already exists`, {
        details: { field: "name" },
      });
    const template: BusinessTemplate = {
      id: `MOCKTPL${++this.seq}`,
      name: draft.name,
      language: draft.language,
      category: draft.category,
      status: "PENDING",
      body: draft.body,
    };
    this.byAccount.set(phone, [...list, template]);
    return template;
  }

  remove(phone: string, name: string): void {
    const list = this.byAccount.get(phone) ?? [];
    if (!list.some((t) => t.name === name))
      throw new MultiWAError("NOT_FOUND", `No template named ${name}`, { details: { field: "name" } });
    this.byAccount.set(
      phone,
      list.filter((t) => t.name !== name),
    );
  }

  /** The platform's review: approve, reject (with a reason) or pause a template. */
  review(phone: string, name: string, status: "APPROVED" | "REJECTED" | "PAUSED", reason?: string): void {
    for (const t of this.byAccount.get(phone) ?? [])
      if (t.name === name)
        Object.assign(t, { status }, status === "REJECTED" && reason ? { rejectedReason: reason } : {});
  }
}
