import { toJid, MultiWAError, type MultiWA, type WAMessage } from "@multiwa/core";
import { visibleWorkspaceIds, type RequestPrincipal } from "./auth.js";
import { apiError } from "./errors.js";
import { demoNetwork } from "./engines.js";
import { gatewayConfig } from "./runtime.js";

/** The demo routes exist only while MULTIWA_ENGINES names the mock engine explicitly (never by fallback). */
export function requireMockEngine(wa: MultiWA) {
  if (!gatewayConfig().engines.includes("mock") || !wa.engines.mock)
    throw apiError(404, {
      code: "NOT_FOUND",
      message: "The mock engine is not enabled (add `mock` to MULTIWA_ENGINES)",
    });
  return { network: demoNetwork(), toJid };
}

const digits = (jid: string) => jid.split("@")[0]!.split(":")[0]!;

/**
 * Phone numbers of the logged-in mock profiles the caller may manage: the only lines its demo phones reach.
 * `undefined` for gateway-wide callers, who reach every line.
 */
export async function visibleLines(wa: MultiWA, principal: RequestPrincipal): Promise<Map<string, string> | undefined> {
  const visible = await visibleWorkspaceIds(wa, principal);
  if (!visible) return undefined;
  const lines = new Map<string, string>();
  for (const profile of await wa.profiles.list()) {
    if (profile.engine !== "mock" || !visible.includes(profile.workspaceId)) continue;
    const me = (await wa.sessions.status(profile.id).catch(() => undefined))?.me;
    if (me) lines.set(digits(me.jid), profile.id);
  }
  return lines;
}

/** The profile a mock QR belongs to (`MOCKQR:<profileId>:…`), authorized like any id the caller names. */
export async function authorizeQr(wa: MultiWA, principal: RequestPrincipal, qr: string): Promise<void> {
  const profileId = /^MOCKQR:([^:]+):/.exec(qr)?.[1];
  if (!profileId) throw new MultiWAError("NOT_FOUND", "No mock profile shows this QR", { details: { field: "qr" } });
  await wa.access.authorize(principal, principal.required, [{ kind: "profile", id: profileId, field: "qr" }]);
}

/** What a demo phone received from the caller's own profiles only. */
export function fromLines(messages: readonly WAMessage[], lines: Map<string, string> | undefined): WAMessage[] {
  return lines ? messages.filter((m) => lines.has(digits(m.sender))) : [...messages];
}
