import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isMultiWAError, MultiWAError } from "../src/errors.js";
import { MESSAGE_TYPES, SendRequestSchema } from "../src/schemas/message.js";
import { parseInput } from "../src/schemas/parse.js";

const parse = (input: unknown) => parseInput(SendRequestSchema, input, "message");

describe("send request schema", () => {
  it("knows every message type the engine port sends", () => {
    expect(MESSAGE_TYPES.sort()).toEqual([
      "audio",
      "contact",
      "delete",
      "document",
      "edit",
      "event",
      "event_response",
      "forward",
      "image",
      "interactive",
      "location",
      "poll",
      "reaction",
      "sticker",
      "template",
      "text",
      "video",
    ]);
  });

  it("accepts each content type and fills defaults", () => {
    expect(
      parse({ to: "62812345678", content: { type: "poll", name: "Q", options: ["a", "b"] } }).content,
    ).toMatchObject({ selectableCount: 1 });
    expect(
      parse({ to: "x", content: { type: "image", media: { url: "https://example.org/a.png" } } }).content.type,
    ).toBe("image");
    expect(
      parse({
        to: "x",
        content: { type: "audio", media: { base64: "AAAA" }, mimetype: "audio/ogg; codecs=opus", ptt: true },
      }).content.type,
    ).toBe("audio");
  });

  it.each([
    [{ content: { type: "text", text: "hi" } }, "`to`"],
    [{ to: "1", content: { type: "text", text: "" } }, "`content.text` must not be empty"],
    [{ to: "1", content: { type: "fax" } }, "`content.type`"],
    [{ to: "1", content: { type: "location", latitude: 91, longitude: 0 } }, "`content.latitude`"],
    [{ to: "1", content: { type: "image", media: { url: "ftp://x/y" } } }, "`content.media"],
    [{ to: "1", content: { type: "image", media: { base64: "not base64!!" } } }, "`content.media"],
    [{ to: "1", content: { type: "poll", name: "Q", options: ["only one"] } }, "`content.options`"],
    [{ to: "1", content: { type: "text", text: "hi" }, options: { idempotencyKey: "" } }, "`options.idempotencyKey`"],
    // Issue #21: an event ending before it starts, and an answer WhatsApp has no code for.
    [{ to: "1", content: { type: "event", name: "E", startTime: 2000, endTime: 1000 } }, "`content.endTime`"],
    [{ to: "1", content: { type: "event_response", target: { id: "x" }, response: "yes" } }, "`content.response`"],
  ])("rejects %j naming the field", (input, field) => {
    let error: unknown;
    try {
      parse(input);
    } catch (e) {
      error = e;
    }
    expect(isMultiWAError(error, "VALIDATION_FAILED")).toBe(true);
    expect((error as MultiWAError).message).toContain(field);
    expect((error as MultiWAError).details.issues).toBeInstanceOf(Array);
  });
});

// Issue #24: clients translate validation problems, so each issue carries zod's code and its limit.
describe("parseInput issues", () => {
  it("names the zod code, the limit and the format of each problem", () => {
    const schema = z.object({ name: z.string().min(3), size: z.number().max(5), mail: z.email() });
    let error: unknown;
    try {
      parseInput(schema, { name: "x", size: 9, mail: "no" }, "body");
    } catch (e) {
      error = e;
    }
    expect((error as MultiWAError).details.issues).toEqual([
      expect.objectContaining({ field: "name", code: "too_small", limit: 3, origin: "string" }),
      expect.objectContaining({ field: "size", code: "too_big", limit: 5, origin: "number" }),
      expect.objectContaining({ field: "mail", code: "invalid_format", format: "email" }),
    ]);
  });
});
