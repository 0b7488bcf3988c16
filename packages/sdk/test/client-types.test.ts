import { describe, expect, expectTypeOf, it } from "vitest";
import { createClient, MultiWAApiError, type OperationInput, type OperationResponse } from "../src/index.js";

// Compile-time checks (run by `tsc`): inputs and responses follow the generated operation types.
describe("client types", () => {
  it("types inputs and responses per operation, and builds requests from them", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const client = createClient({
      baseUrl: "http://gw.test/",
      apiKey: "k",
      fetch: async (url, init) => (
        calls.push({ url: String(url), init: init! }),
        new Response(JSON.stringify({ code: "PROFILE_NOT_FOUND", message: "nope", field: "id" }), {
          status: 404,
          headers: { "content-type": "application/json" },
        })
      ),
    });
    expectTypeOf<OperationInput<"sendMessage">>().toHaveProperty("body");
    expectTypeOf<OperationResponse<"listProfiles">>().toBeArray();
    // @ts-expect-error: `id` (the profile) is required
    void client.getProfile({}).catch(() => {});
    // @ts-expect-error: content types are checked
    void client.sendMessage({ id: "p", body: { to: "1", content: { type: "text", txt: "x" } } }).catch(() => {});

    const error = await client.listChats({ id: "a b", query: { limit: 5 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultiWAApiError);
    expect(error).toMatchObject({ status: 404, code: "PROFILE_NOT_FOUND", field: "id", message: "nope" });
    expect(calls.at(-1)!.url).toBe("http://gw.test/api/profiles/a%20b/chats?limit=5");
    expect(new Headers(calls.at(-1)!.init.headers).get("x-api-key")).toBe("k");
  });
});
