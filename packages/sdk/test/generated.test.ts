import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operations as serverOperations } from "../../../server/lib/ops/index.js";
import { operations } from "../src/generated/operations.js";
import { renderErrorCodes } from "../scripts/render-errors.js";
import { GENERATE_COMMAND, renderOperations } from "../scripts/render.js";

describe("generated operation types", () => {
  it("match the server's operations (regenerate when this fails)", () => {
    const committed = readFileSync(new URL("../src/generated/operations.ts", import.meta.url), "utf8");
    const fresh = renderOperations(serverOperations);
    if (committed !== fresh)
      expect.fail(`packages/sdk/src/generated/operations.ts is stale: run \`${GENERATE_COMMAND}\``);
  });

  // Issue #19 item 4: the SDK's ApiErrorCode is the gateway's closed list, not a free string.
  it("error codes match the server's list (regenerate when this fails)", () => {
    const committed = readFileSync(new URL("../src/generated/error-codes.ts", import.meta.url), "utf8");
    if (committed !== renderErrorCodes())
      expect.fail(`packages/sdk/src/generated/error-codes.ts is stale: run \`${GENERATE_COMMAND}\``);
  });

  it("list every operation with its method and path", () => {
    expect(Object.keys(operations).sort()).toEqual(serverOperations.map((op) => op.id).sort());
    for (const op of serverOperations)
      expect(operations[op.id as keyof typeof operations]).toMatchObject({
        method: op.method.toUpperCase(),
        path: op.path,
      });
  });
});
