import { createStorage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Engine, EngineSessionContext } from "../../src/engine/types.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { MultiWAError } from "../../src/errors.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";

let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

/** The mock engine with a settings schema, a preflight rule and a record of what sessions were given. */
function settingsEngine(seen: EngineSessionContext[]): Engine {
  const base = mockEngine({ network: new MockNetwork(), autoPair: "628100000009" });
  return {
    ...base,
    name: "settled",
    settingsSchema: z.object({ token: z.string().min(3).meta({ secret: true }), region: z.string().optional() }),
    preflight: async ({ content }) => {
      if (content.type === "text" && content.text === "forbidden") throw new MultiWAError("WINDOW_CLOSED", "closed");
    },
    createSession: (context) => (seen.push(context), base.createSession(context)),
  };
}

describe("profile engine settings", () => {
  it("validates them with the engine's schema, hands them to sessions and never returns them", async () => {
    const seen: EngineSessionContext[] = [];
    wa = await createMultiWA({
      engines: { settled: settingsEngine(seen), mock: mockEngine() },
      storage: createStorage(),
      restore: false,
    });
    await expect(
      wa.profiles.create({ id: "bad", name: "Bad", engine: "settled", settings: { token: "x" } }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { issues: [{ field: "token" }] } });
    await expect(wa.profiles.create({ name: "No", engine: "mock", settings: { token: "abc" } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });

    const profile = await wa.profiles.create({
      id: "p1",
      name: "P1",
      engine: "settled",
      settings: { token: "s3cret-token" },
    });
    expect(profile.settingsKeys).toEqual(["token"]);
    expect(JSON.stringify(await wa.profiles.list())).not.toContain("s3cret-token");
    await wa.sessions.start("p1");
    await waitForStatus(wa, "p1", "open", 5000);
    expect(seen.at(-1)?.settings).toEqual({ token: "s3cret-token" });

    // Updates merge; null removes a field; the next connection gets the new values.
    const updated = await wa.profiles.update("p1", { settings: { region: "eu", token: "rotated-token" } });
    expect(updated.settingsKeys).toEqual(["region", "token"]);
    await wa.profiles.update("p1", { settings: { region: null } });
    await wa.sessions.restart("p1");
    expect(seen.at(-1)?.settings).toEqual({ token: "rotated-token" });
    expect(JSON.stringify(await wa.profiles.get("p1"))).not.toContain("rotated-token");

    // The engine's preflight refuses before anything is queued.
    await expect(
      wa.messages.send("p1", { to: "628111", content: { type: "text", text: "forbidden" } }),
    ).rejects.toMatchObject({
      code: "WINDOW_CLOSED",
    });

    await wa.profiles.remove("p1");
    expect(await wa.settings.has("p1")).toBe(false);
  });
});
