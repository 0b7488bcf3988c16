import { toJid, type MultiWA } from "@multiwa/core";
import { apiError } from "./errors.js";
import { demoNetwork } from "./engines.js";

/** The demo routes only exist while the mock engine is configured. */
export function requireMockEngine(wa: MultiWA) {
  if (!wa.engines.mock) throw apiError(404, { code: "NOT_FOUND", message: "The mock engine is not enabled (MULTIWA_ENGINES)" });
  return { network: demoNetwork, toJid };
}
