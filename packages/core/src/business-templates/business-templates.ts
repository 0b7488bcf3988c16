import type { BusinessTemplate } from "../engine/business-template-types.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { BusinessTemplateDraftSchema, BusinessTemplateNameSchema, type BusinessTemplateDraftInput } from "./schema.js";

/**
 * `wa.businessTemplates`: the official platform's message templates of a profile (issue #22). The platform
 * is their source of truth: listing reads the review status from it, so an approval shows at once.
 */
export class BusinessTemplates {
  constructor(private readonly host: Pick<SessionHost, "invoke">) {}

  list(profileId: string): Promise<BusinessTemplate[]> {
    return this.host.invoke(profileId, "listBusinessTemplates");
  }

  /** Submits a template for review; it is PENDING until the platform approves or rejects it. */
  create(profileId: string, input: BusinessTemplateDraftInput): Promise<BusinessTemplate> {
    const draft = parseInput(BusinessTemplateDraftSchema, input, "template");
    return this.host.invoke(profileId, "createBusinessTemplate", draft);
  }

  async remove(profileId: string, name: string): Promise<void> {
    const parsed = parseInput(BusinessTemplateNameSchema, { name }, "template");
    await this.host.invoke(profileId, "deleteBusinessTemplate", parsed.name);
  }
}
