import { defineConfig } from "tsup";

// n8n loads community nodes with require(): one CommonJS file per node and credential, paths as in package.json "n8n".
export default defineConfig({
  entry: {
    "credentials/MultiWaApi.credentials": "src/credentials/MultiWaApi.credentials.ts",
    "nodes/MultiWa/MultiWa.node": "src/nodes/MultiWa/MultiWa.node.ts",
    "nodes/MultiWaTrigger/MultiWaTrigger.node": "src/nodes/MultiWaTrigger/MultiWaTrigger.node.ts",
  },
  format: ["cjs"],
  target: "node20",
  outDir: "dist",
  clean: true,
  external: ["n8n-workflow"],
});
