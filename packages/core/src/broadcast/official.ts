import type { BusinessTemplate } from "../engine/business-template-types.js";
import type { Engine } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { checkBusinessTemplate, templateRequired, type BusinessTemplateLink } from "../templates/business-link.js";
import type { Template } from "../templates/store.js";
import type { Campaign } from "./schema.js";

export interface OfficialPorts {
  engineOf(profileId: string): Promise<Pick<Engine, "name" | "requiresApprovedTemplates">>;
  /** The platform's templates of a profile, with their review status now. */
  businessTemplates(profileId: string): Promise<BusinessTemplate[]>;
}

/** The platform template a campaign sends on official-API profiles: its saved template's link, or its own. */
export function linkOf(message: Campaign["message"], template?: Template): BusinessTemplateLink | undefined {
  return template?.businessTemplate ?? message.businessTemplate;
}

/**
 * Which of a campaign's profiles only take approved templates (issue #22). Refuses a campaign that
 * would send free-form text to one of them (TEMPLATE_REQUIRED), or only a platform template to a
 * profile that cannot send it. With `approval`, also asks each such profile's platform that the
 * template exists, is APPROVED and gets all its parameters.
 */
export async function officialProfiles(
  ports: OfficialPorts,
  campaign: Pick<Campaign, "profileIds" | "message">,
  template: Template | undefined,
  approval: boolean,
): Promise<Set<string>> {
  const official = new Set<string>();
  const link = linkOf(campaign.message, template);
  const field = campaign.message.templateId ? "message.templateId" : "message.businessTemplate";
  for (const profileId of campaign.profileIds) {
    const engine = await ports.engineOf(profileId);
    if (!engine.requiresApprovedTemplates) {
      if (!campaign.message.text && !template)
        throw new MultiWAError(
          "VALIDATION_FAILED",
          `Profile "${profileId}" runs ${engine.name}, which has no platform templates: add \`message.text\` for it`,
          { details: { field: "message.text", profileId } },
        );
      continue;
    }
    if (!link) throw templateRequired(profileId, engine.name, field);
    if (approval) checkBusinessTemplate(link, await ports.businessTemplates(profileId), field, profileId);
    official.add(profileId);
  }
  return official;
}
