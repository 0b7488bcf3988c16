// The README's capability matrix, generated from what each engine declares (the same lists the engine
// conformance suite checks). `node --conditions=dev-source --import tsx test/support/capability-matrix.ts --write`
// rewrites the README's block; test/capability-matrix.test.ts fails when it is stale.
import { CAPABILITIES, type Capability } from "../../packages/core/src/engine/capabilities.js";
import { BAILEYS_CAPABILITIES } from "../../packages/engine-baileys/src/engine.js";
import { CLOUD_API_CAPABILITIES } from "../../packages/engine-cloud-api/src/engine.js";
import { WWEBJS_CAPABILITIES } from "../../packages/engine-wwebjs/src/engine.js";
import { readmeBlock } from "./readme-block.js";

const ENGINES: Record<string, readonly Capability[]> = {
  baileys: BAILEYS_CAPABILITIES,
  "whatsapp-web.js": WWEBJS_CAPABILITIES,
  "cloud-api": CLOUD_API_CAPABILITIES,
  mock: CAPABILITIES,
};

/** One row per capability of the core's list, one column per engine: ✓ declared, – not. */
export const capabilityMatrix = readmeBlock("capability-matrix", "test/support/capability-matrix.ts", () => {
  const names = Object.keys(ENGINES);
  const rows = CAPABILITIES.map(
    (c) => `| \`${c}\` | ${names.map((n) => (ENGINES[n]!.includes(c) ? "✓" : "–")).join(" | ")} |`,
  );
  return [`| capability | ${names.join(" | ")} |`, `| --- |${" :-: |".repeat(names.length)}`, ...rows];
});

if (process.argv.includes("--write")) capabilityMatrix.write();
