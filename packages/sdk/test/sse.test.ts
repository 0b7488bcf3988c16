import { describe, expect, it } from "vitest";
import { parseEventStream } from "../src/sse.js";

const stream = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe("parseEventStream", () => {
  it("parses events split across chunks, CRLF, comments, multi-line data and ids", async () => {
    const events = [];
    for await (const e of parseEventStream(
      stream(
        ": keep-alive\n\nevent: ready\nda",
        'ta: {"a":1}\r\n\r\nid: 7\ndata: line one\ndata: line two\n\n',
        "data: {bad json\n\n",
      ),
    ))
      events.push(e);
    expect(events).toEqual([
      { event: "ready", data: { a: 1 } },
      { event: "message", data: "line one\nline two", id: "7" },
      { event: "message", data: "{bad json", id: "7" },
    ]);
  });
});
