import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open.js";
import { MockNetwork } from "../../src/engines/mock.js";
import { localLeases } from "../../src/session/lease.js";
import { mockGateway } from "../helpers/mock.js";

const COUNT = 40;
const phone = (i: number) => `62831${String(i).padStart(7, "0")}`;

describe("campaigns on several nodes", () => {
  it("runs each campaign on one node and moves it when that node leaves", async () => {
    const storage = createStorage();
    const network = new MockNetwork();
    const leases = localLeases();
    // Nodes share the records database (contacts, outbox) as they share storage. The lease outlives
    // the event-loop pause of node b migrating its in-process database (a 600 ms lease expired in it).
    const database = await openDatabase("memory:");
    const cluster = { storage, database, network, leases, leaseTtlMs: 3000 };
    const a = await mockGateway({ ...cluster, nodeId: "a" });
    await a.wa.profiles.create({ id: "p", name: "P", workspaceId: "w" });
    await a.wa.sessions.start("p");
    for (let i = 0; i < COUNT; i++) await a.wa.contacts.upsert("w", { phone: phone(i), tags: ["t"] });
    const c = await a.wa.campaigns.create("w", {
      name: "c",
      profileIds: ["p"],
      audience: { tags: ["t"] },
      message: { text: "once" },
      pacing: { perMinute: 1200, jitterMs: 0, dailyCap: 0 },
    });

    const b = await mockGateway({ ...cluster, nodeId: "b" });
    let queuedOnB = 0;
    b.wa.on("message.queued", () => queuedOnB++);
    const reached = () => [...Array(COUNT).keys()].filter((i) => network.phone(phone(i)).messages().length).length;
    await expect.poll(reached, { timeout: 10_000 }).toBeGreaterThanOrEqual(COUNT / 4);
    expect(reached()).toBeLessThan(COUNT);
    expect(queuedOnB).toBe(0); // node b sees the campaign but a holds it

    // Node a leaves mid-campaign; b takes the profile and, at its next sweep, the campaign.
    await a.wa.close();
    await b.wa.sessions.start("p");
    await expect.poll(async () => (await b.wa.campaigns.get("w", c.id)).status, { timeout: 10_000 }).toBe("completed");
    expect(queuedOnB).toBeGreaterThan(0);
    expect(
      [...Array(COUNT).keys()].map((i) => network.phone(phone(i)).messages().length).filter((n) => n !== 1),
    ).toEqual([]);
    await b.wa.close();
    await database.close();
  });
});
