import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/contacts/csv.js";
import { isMultiWAError } from "../../src/errors.js";

describe("parseCsv", () => {
  it("reads quoted fields with commas, CRLF, escaped quotes and line breaks", () => {
    const text = '\ufeffphone,name,note\r\n628111,"Doe, Jane","she said ""hi"""\r\n628222,"multi\nline",x\n\n628333,,';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["phone", "name", "note"] },
      { line: 2, fields: ["628111", "Doe, Jane", 'she said "hi"'] },
      { line: 3, fields: ["628222", "multi\nline", "x"] },
      { line: 6, fields: ["628333", "", ""] },
    ]);
  });

  it("names the line of malformed quoting", () => {
    for (const [text, line] of [
      ['a,b\n1,"open\n2,3', 2],
      ['a,b\n1,x"y', 2],
      ['a\n"q"z', 2],
    ] as const) {
      try {
        parseCsv(text);
        expect.unreachable();
      } catch (error) {
        expect(isMultiWAError(error, "VALIDATION_FAILED")).toBe(true);
        expect((error as Error).message).toContain(`line ${line}`);
      }
    }
  });

  it("round-trips what toCsv writes, guarding spreadsheet formulas", () => {
    const rows = [["a", "b,c", 'q"q', "line\nbreak", "=SUM(A1)", "+628111"]];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed[0]!.fields).toEqual(["a", "b,c", 'q"q', "line\nbreak", "'=SUM(A1)", "+628111"]);
  });
});
