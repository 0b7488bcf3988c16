import { createStorage, type Storage } from "unstorage";
import { expect } from "vitest";
import { mockEngine, MockNetwork, type MockEngineOptions } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWAOptions } from "../../src/multiwa.js";

/** A library on memory storage with one mock engine whose sessions pair at once as `phone`. */
export async function mockGateway(
  options: Partial<MultiWAOptions> & { phone?: string; network?: MockNetwork; storage?: Storage } = {},
) {
  const network = options.network ?? new MockNetwork();
  const engine = mockEngine({ network, autoPair: options.phone ?? "628100000001" });
  const wa = await createMultiWA({
    storage: options.storage ?? createStorage(),
    engines: { mock: engine },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    reconnect: { baseMs: 20, maxMs: 100 },
    ...options,
  });
  return { wa, network, engine };
}

/**
 * A library on memory storage and the in-memory database with profile `profileId` linked as `me` on a fresh
 * mock network; `engine` narrows the mock engine (e.g. its capabilities) for the refusal cases, `library`
 * adds options of the library (e.g. pacing off).
 */
export async function linkedMockProfile(
  profileId: string,
  me: string,
  engine: Omit<MockEngineOptions, "network" | "autoPair"> = {},
  library: Pick<MultiWAOptions, "pacing"> = {},
) {
  const network = new MockNetwork();
  const wa = await createMultiWA({
    engines: { mock: mockEngine({ network, autoPair: me, ...engine }) },
    storage: createStorage(),
    database: "memory:",
    ...library,
  });
  await wa.profiles.create({ id: profileId, name: profileId });
  await wa.sessions.start(profileId);
  await expect.poll(() => wa.sessions.status(profileId).then((s) => s.status)).toBe("open");
  return { wa, network };
}
