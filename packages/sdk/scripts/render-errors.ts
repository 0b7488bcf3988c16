import { API_ERROR_CODES, ERROR_CODES } from "../../../server/lib/error-codes.js";
import { GENERATE_COMMAND } from "./render.js";

/** The source of `src/generated/error-codes.ts`: every code an error body can carry, with its HTTP status. */
export function renderErrorCodes(): string {
  const rows = API_ERROR_CODES.map(
    (code) =>
      `  /** ${ERROR_CODES[code].description.replace(/\*\//g, "* /")} */\n  ${code}: ${ERROR_CODES[code].status},`,
  );
  return [
    `// Generated from server/lib/error-codes.ts by \`${GENERATE_COMMAND}\`. Do not edit: a test fails when it drifts.`,
    "",
    "/** Every code a gateway error body carries, with the HTTP status it comes with. */",
    `export const API_ERROR_STATUS = {\n${rows.join("\n")}\n} as const;`,
    "",
    "/** The gateway's error codes: one vocabulary from the library to this client. */",
    "export type ApiErrorCode = keyof typeof API_ERROR_STATUS;",
    "",
  ].join("\n");
}
