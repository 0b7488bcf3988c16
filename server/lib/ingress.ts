import type { Engine, EngineIngress, MultiWA } from "@multiwa/core";
import { apiError } from "./errors.js";

/** The profile's engine when it takes platform webhooks (the Cloud API), else 404 without saying more. */
export async function ingressOf(
  wa: MultiWA,
  profileId: string,
): Promise<{ engine: Engine; ingress: EngineIngress; settings: Record<string, unknown> }> {
  const profile = await wa.profiles.find(profileId);
  const engine = profile ? wa.engines[profile.engine] : undefined;
  if (!profile || !engine?.ingress)
    throw apiError(404, { code: "NOT_FOUND", message: `No webhook ingress for profile "${profileId}"` });
  return { engine, ingress: engine.ingress, settings: await wa.settings.get(profileId) };
}

/** Meta's bodies are small JSON; anything far larger is not from Meta. */
export const MAX_INGRESS_BYTES = 3 * 1024 * 1024;
