import { createStorage, type Storage } from "unstorage";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
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
