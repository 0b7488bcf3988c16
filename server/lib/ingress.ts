import { ProfileIdSchema, type Engine, type EngineIngress, type MultiWA } from "@multiwa/core";
import { apiError } from "./errors.js";

/** The profile's engine when it takes platform webhooks (the Cloud API), else 404 without saying more. */
export async function ingressOf(
  wa: MultiWA,
  profileId: string,
): Promise<{ engine: Engine; ingress: EngineIngress; settings: Record<string, unknown> }> {
  // These routes are raw handlers (the signature covers the raw body): the id is checked here, so a NUL
  // or an overlong id never reaches the database (PostgreSQL refuses NUL in text: a 500 in the path sweep).
  const profile = ProfileIdSchema.safeParse(profileId).success ? await wa.profiles.find(profileId) : null;
  const engine = profile ? wa.engines[profile.engine] : undefined;
  if (!profile || !engine?.ingress)
    throw apiError(404, { code: "NOT_FOUND", message: `No webhook ingress for profile "${profileId}"` });
  return { engine, ingress: engine.ingress, settings: await wa.settings.get(profileId) };
}

/** Meta's bodies are small JSON; anything far larger is not from Meta. */
export const MAX_INGRESS_BYTES = 3 * 1024 * 1024;
