import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import { Directory } from "../../src/directory/directory.js";
import type { NumberCheck } from "../../src/engine/directory.js";
import type { SessionHost } from "../../src/session/host.js";
import { openTestDatabase } from "../../src/testing/database.js";

let database: Database;
beforeAll(async () => void (database = await openTestDatabase()), 180_000);
afterAll(() => database?.close());

/** A host whose engine says every number ending in an even digit is on WhatsApp, and counts what it was asked. */
function fakeHost() {
  const asked: string[][] = [];
  const host = {
    invoke: async (_profile: string, method: string, ...args: unknown[]) => {
      if (method === "checkNumbers") {
        const phones = args[0] as string[];
        asked.push(phones);
        return phones.map((phone): NumberCheck =>
          Number(phone.at(-1)) % 2 === 0
            ? { phone, exists: true, jid: `${phone}@s.whatsapp.net`, lid: `9${phone}@lid` }
            : { phone, exists: false },
        );
      }
      if (method === "resolveIds") return [];
      throw new Error(`unexpected ${method}`);
    },
  } as unknown as Pick<SessionHost, "invoke">;
  return { host, asked };
}

// #20: bulk number checks get accounts banned (Evolution #2228): answers are cached and a profile's checks limited.
describe("directory number checks", { timeout: 60_000 }, () => {
  it("answers repeated numbers from the cache, and asks again once the answer is older than the cache age", async () => {
    const { host, asked } = fakeHost();
    const directory = new Directory(host, database.db, { cacheMs: 1500, perMinute: 100, pictureCacheMs: 0 });
    const first = await directory.checkNumbers("p1", { phones: ["+62 811 0002", "628110003", "628110002"] });
    expect(first.map((r) => [r.phone, r.exists, r.cached])).toEqual([
      ["628110002", true, false],
      ["628110003", false, false],
    ]);
    const again = await directory.checkNumbers("p1", { phones: ["628110002", "628110004"] });
    expect(again.map((r) => r.cached)).toEqual([true, false]);
    expect(asked).toEqual([["628110002", "628110003"], ["628110004"]]);
    // Another profile has its own cache.
    await directory.checkNumbers("p2", { phones: ["628110002"] });
    expect(asked.at(-1)).toEqual(["628110002"]);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await directory.checkNumbers("p1", { phones: ["628110002"] }))[0]!.cached).toBe(false);
    // The LIDs WhatsApp returned are known pairs now.
    expect(await directory.resolve("p1", { ids: ["9628110002@lid"] })).toEqual([
      { kind: "lid", id: "9628110002@lid", phone: "628110002@s.whatsapp.net" },
    ]);
  });

  it("refuses more numbers per minute than the profile's limit with RATE_LIMITED and a retry time", async () => {
    const { host, asked } = fakeHost();
    const directory = new Directory(host, database.db, { cacheMs: 60_000, perMinute: 3, pictureCacheMs: 0 });
    await directory.checkNumbers("limited", { phones: ["628120001", "628120002"] });
    const refused = directory.checkNumbers("limited", { phones: ["628120003", "628120004"] });
    await expect(refused).rejects.toMatchObject({ code: "RATE_LIMITED", details: { limit: 3, used: 2 } });
    expect(
      ((await refused.catch((e: { details: { retryAfterMs: number } }) => e)) as { details: { retryAfterMs: number } })
        .details.retryAfterMs,
    ).toBeGreaterThan(0);
    // Cached answers cost nothing; a third new number still fits; a fresh re-check counts again.
    await directory.checkNumbers("limited", { phones: ["628120001", "628120003"] });
    expect(asked).toEqual([["628120001", "628120002"], ["628120003"]]);
    await expect(directory.checkNumbers("limited", { phones: ["628120001"], fresh: true })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // Other profiles are not affected.
    await directory.checkNumbers("unlimited", { phones: ["628120009"] });
  });

  it("refuses bad input before asking the engine", async () => {
    const { host, asked } = fakeHost();
    const directory = new Directory(host, database.db, { cacheMs: 1, perMinute: 100, pictureCacheMs: 0 });
    await expect(directory.checkNumbers("p", { phones: [] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(directory.checkNumbers("p", { phones: ["12"] })).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ field: "phones.0" })] },
    });
    await expect(directory.resolve("p", { ids: ["120363@g.us"] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(asked).toEqual([]);
  });
});
