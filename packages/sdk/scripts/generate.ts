import { writeFileSync } from "node:fs";
import { operations } from "../../../server/lib/ops/index.js";
import { renderOperations } from "./render.js";
import { renderErrorCodes } from "./render-errors.js";

// Regenerates the client's operation table and types from the server's zod operations, and its error codes.
const target = new URL("../src/generated/operations.ts", import.meta.url);
writeFileSync(target, renderOperations(operations));
console.log(`wrote ${target.pathname} (${operations.length} operations)`);
const errors = new URL("../src/generated/error-codes.ts", import.meta.url);
writeFileSync(errors, renderErrorCodes());
console.log(`wrote ${errors.pathname}`);
