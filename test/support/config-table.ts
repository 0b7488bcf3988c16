// The README's "Gateway configuration" table, generated from the server's config schema (every variable
// the gateway reads). `node --conditions=dev-source --import tsx test/support/config-table.ts --write`
// rewrites it; server/test/config.test.ts fails when it is stale.
import { ConfigSchema } from "../../server/lib/config/schema.js";
import { readmeBlock } from "./readme-block.js";

export const configTable = readmeBlock("config-table", "test/support/config-table.ts", () => [
  "| variable | meaning | default |",
  "| --- | --- | --- |",
  ...Object.entries(ConfigSchema.shape).map(([key, schema]) => {
    const meta = schema.meta() as { description: string; shown: string };
    return `| \`${key}\` | ${meta.description} | ${meta.shown} |`;
  }),
]);

if (process.argv.includes("--write")) configTable.write();
