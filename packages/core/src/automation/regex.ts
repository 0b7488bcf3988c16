import { RE2JS } from "re2js";
import { MultiWAError } from "../errors.js";

/** Longer messages are matched on their first MAX_INPUT characters only. */
export const MAX_INPUT = 4096;

export interface SafeRegex {
  test(text: string): boolean;
}

/**
 * Compiles with RE2JS, whose matching time is linear in the input, so a pattern like `(a+)+$`
 * cannot stall the event loop the way a backtracking engine would. Back-references and lookaheads
 * are not supported and are rejected here, at save time.
 */
export function compileSafeRegex(pattern: string, flags = "i", field = "trigger.pattern"): SafeRegex {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (cause) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Invalid regular expression: ${(cause as Error).message} (RE2 syntax: no back-references or lookarounds)`,
      { cause, details: { field, value: pattern } },
    );
  }
  return { test: (text) => re.matcher(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text).find() };
}
