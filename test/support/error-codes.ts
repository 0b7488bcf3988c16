// The README's error code table, generated from the server's list (library codes and the HTTP-only ones).
// `node --conditions=dev-source --import tsx test/support/error-codes.ts --write` rewrites it;
// server/test/error-codes.test.ts fails when it is stale.
import { API_ERROR_CODES, ERROR_CODES } from "../../server/lib/error-codes.js";
import { readmeBlock } from "./readme-block.js";

export const errorCodeTable = readmeBlock("error-codes", "test/support/error-codes.ts", () => [
  "| code | status | meaning |",
  "| --- | :-: | --- |",
  ...API_ERROR_CODES.map((code) => `| \`${code}\` | ${ERROR_CODES[code].status} | ${ERROR_CODES[code].description} |`),
]);

if (process.argv.includes("--write")) errorCodeTable.write();
