// The node descriptions say `icon: "file:multiwa.svg"`: n8n reads it next to the built node file.
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

for (const node of readdirSync("src/nodes", { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join("src/nodes", node.name)).filter((f) => f.endsWith(".svg"))) {
    copyFileSync(join("src/nodes", node.name, file), join("dist/nodes", node.name, file));
  }
}
