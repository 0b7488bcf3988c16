import { an as gatewayConfig, d as apiError, ag as toJid, ao as demoNetwork, v as visibleWorkspaceIds, al as MultiWAError } from '../nitro/nitro.mjs';

function requireMockEngine(wa) {
  if (!gatewayConfig().engines.includes("mock") || !wa.engines.mock) throw apiError(404, { code: "NOT_FOUND", message: "The mock engine is not enabled (add `mock` to MULTIWA_ENGINES)" });
  return { network: demoNetwork, toJid };
}
const digits = (jid) => jid.split("@")[0].split(":")[0];
async function visibleLines(wa, principal) {
  var _a;
  const visible = await visibleWorkspaceIds(wa, principal);
  if (!visible) return void 0;
  const lines = /* @__PURE__ */ new Map();
  for (const profile of await wa.profiles.list()) {
    if (profile.engine !== "mock" || !visible.includes(profile.workspaceId)) continue;
    const me = (_a = await wa.status(profile.id).catch(() => void 0)) == null ? void 0 : _a.me;
    if (me) lines.set(digits(me.jid), profile.id);
  }
  return lines;
}
async function authorizeQr(wa, principal, qr) {
  var _a;
  const profileId = (_a = /^MOCKQR:([^:]+):/.exec(qr)) == null ? void 0 : _a[1];
  if (!profileId) throw new MultiWAError("NOT_FOUND", "No mock profile shows this QR", { details: { field: "qr" } });
  await wa.access.authorize(principal, principal.required, [{ kind: "profile", id: profileId, field: "qr" }]);
}
function fromLines(messages, lines) {
  return lines ? messages.filter((m) => lines.has(digits(m.sender))) : [...messages];
}

export { authorizeQr as a, fromLines as f, requireMockEngine as r, visibleLines as v };
//# sourceMappingURL=mock-demo.mjs.map
