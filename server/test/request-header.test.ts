import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { createEvent, getRequestHeader, getRequestIP } from "h3";
import { describe, expect, it } from "vitest";
import { clientIp, requestHeader } from "#lib/request-header.js";

function eventWith(headers: Record<string, string | string[]>, remoteAddress = "10.0.0.9") {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: remoteAddress });
  const req = new IncomingMessage(socket);
  req.headers = headers;
  return createEvent(req, new ServerResponse(req));
}

// #18: the hot path reads headers without h3's per-call copy of all of them; it must answer as h3 does.
describe("requestHeader / clientIp", () => {
  it("answers as h3's getRequestHeader: any case, repeated values joined, absent undefined", () => {
    const event = eventWith({ "x-api-key": "k1", "x-multi": ["a", "", "b"], "content-type": "application/json" });
    for (const name of ["X-API-Key", "x-multi", "content-type", "x-missing"])
      expect(requestHeader(event, name)).toBe(getRequestHeader(event, name));
    expect(requestHeader(event, "x-multi")).toBe("a, b");
  });

  it("answers as h3's getRequestIP with xForwardedFor: context first, then the forwarded client, then the socket", () => {
    const forwarded = eventWith({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" });
    const direct = eventWith({});
    const given = eventWith({ "x-forwarded-for": "203.0.113.7" });
    given.context.clientAddress = "198.51.100.2";
    for (const event of [forwarded, direct, given])
      expect(clientIp(event)).toBe(getRequestIP(event, { xForwardedFor: true }));
    expect([clientIp(forwarded), clientIp(direct), clientIp(given)]).toEqual([
      "203.0.113.7",
      "10.0.0.9",
      "198.51.100.2",
    ]);
  });
});
