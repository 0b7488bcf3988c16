import { d as apiError } from '../nitro/nitro.mjs';

async function ingressOf(wa, profileId) {
  const profile = await wa.profiles.find(profileId);
  const engine = profile ? wa.engines[profile.engine] : void 0;
  if (!profile || !(engine == null ? void 0 : engine.ingress)) throw apiError(404, { code: "NOT_FOUND", message: `No webhook ingress for profile "${profileId}"` });
  return { engine, ingress: engine.ingress, settings: await wa.settings.get(profileId) };
}
const MAX_INGRESS_BYTES = 3 * 1024 * 1024;

export { MAX_INGRESS_BYTES as M, ingressOf as i };
//# sourceMappingURL=ingress.mjs.map
