import { writeFileSync } from "node:fs";
import { operations } from "../../../server/lib/ops/index.js";
import { renderOperations } from "./render.js";

// Regenerates the client's operation table and types from the server's zod operations.
const target = new URL("../src/generated/operations.ts", import.meta.url);
writeFileSync(target, renderOperations(operations));
console.log(`wrote ${target.pathname} (${operations.length} operations)`);
