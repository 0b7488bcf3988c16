// docs/storage-layout.md's tables, generated from the code: every SQL table (its owner module from
// db/schema.ts's re-exports, its scope from its owner columns) and every key-value prefix (the keyspace
// registry). `node --conditions=dev-source --import tsx test/support/storage-layout.ts --write` rewrites
// it; test/storage-layout.test.ts fails when it is stale.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tableScopes } from "../../packages/core/src/db/owned-rows.js";
import { KEYSPACE } from "../../packages/core/src/storage/keyspace.js";
import { readmeBlock } from "./readme-block.js";

const DOC = fileURLToPath(new URL("../../docs/storage-layout.md", import.meta.url));
const SCHEMA = fileURLToPath(new URL("../../packages/core/src/db/schema.ts", import.meta.url));

/** Export name → owning module, from `export { a, b } from "../module/table.js"` lines. */
function owners(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, names, from] of readFileSync(SCHEMA, "utf8").matchAll(/export \{([^}]+)\} from "\.\.\/([^"]+)\.js"/g))
    for (const name of names!
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean))
      map.set(name, `${from}.ts`);
  return map;
}

export const tableLayout = readmeBlock(
  "tables",
  "test/support/storage-layout.ts",
  () => {
    const owner = owners();
    const rows = tableScopes()
      .map(({ name, table, scope }) => `| \`${table}\` | ${scope} | \`${owner.get(name) ?? "?"}\` |`)
      .sort();
    return ["| table | scope | owner (packages/core/src/) |", "| --- | --- | --- |", ...rows];
  },
  DOC,
);

export const keyLayout = readmeBlock(
  "keys",
  "test/support/storage-layout.ts",
  () => [
    "| prefix | scope | owner (packages/core/src/) | holds |",
    "| --- | --- | --- | --- |",
    ...Object.values(KEYSPACE).map((e) => `| \`${e.prefix}:\` | ${e.scope} | \`${e.owner}\` | ${e.holds} |`),
  ],
  DOC,
);

if (process.argv.includes("--write")) {
  tableLayout.write();
  keyLayout.write();
}
