import { createStorage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { pickProxy } from "../../src/proxy/proxies.js";
import { proxyHref } from "../../src/proxy/schema.js";
import { nextEvent, waitForStatus } from "../../src/testing/wait.js";

// Proxy per profile (issue #23): the list, its masked listing, and the rotation the runtime applies.
let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

const PHONE = "628100000077";

async function gateway(network = new MockNetwork()) {
  wa = await createMultiWA({
    engines: { mock: mockEngine({ network, autoPair: PHONE }), plain: { ...mockEngine(), proxySupport: undefined } },
    storage: createStorage(),
    database: "memory:",
    restore: false,
    reconnect: { baseMs: 10, maxMs: 20 },
  });
  await wa.profiles.create({ id: "p", name: "P", engine: "mock" });
  return { wa, network };
}

describe("wa.proxies", () => {
  it("never lists a password back, and keeps it when the list is saved again without one", async () => {
    const { wa } = await gateway();
    const saved = await wa.proxies.put("p", {
      proxies: [
        { url: "http://127.0.0.1:8888", username: "alice", password: "s3cret-pass" },
        { url: "socks5://[::1]:1080" },
      ],
    });
    expect(saved).toEqual({
      rotation: "on-failure",
      proxies: [
        { url: "http://127.0.0.1:8888", username: "alice", hasPassword: true },
        { url: "socks5://[::1]:1080", hasPassword: false },
      ],
    });
    expect(JSON.stringify(await wa.proxies.get("p"))).not.toContain("s3cret");
    // The masked listing sent back (a reorder) keeps the password of the same url and username.
    const listed = saved.proxies.map(({ hasPassword: _, ...proxy }) => proxy);
    await wa.proxies.put("p", { rotation: "never", proxies: [listed[1]!, listed[0]!] });
    const plan = await wa.proxies.plan("p");
    expect(plan.rotation).toBe("never");
    expect(plan.proxies[1]).toEqual({
      protocol: "http",
      host: "127.0.0.1",
      port: 8888,
      username: "alice",
      password: "s3cret-pass",
    });
    expect(proxyHref(plan.proxies[0]!)).toBe("socks5://[::1]:1080");
    // Another username is another login: the old password does not follow it; null removes one.
    await wa.proxies.put("p", { proxies: [{ url: "http://127.0.0.1:8888", username: "bob" }] });
    expect((await wa.proxies.plan("p")).proxies[0]?.password).toBeUndefined();
    await wa.proxies.put("p", { proxies: [{ url: "http://127.0.0.1:8888", username: "alice", password: "x1" }] });
    await wa.proxies.put("p", { proxies: [{ url: "http://127.0.0.1:8888", username: "alice", password: null }] });
    expect((await wa.proxies.get("p")).proxies[0]?.hasPassword).toBe(false);
  });

  it.each([
    ["http://user:pw@127.0.0.1:8888", "must not carry credentials"],
    ["ftp://127.0.0.1:21", "must start with"],
    ["socks5://127.0.0.1", "must name a port"],
    ["not a url", "must be a URL"],
    ["http://127.0.0.1:8888/path", "only `protocol://host:port`"],
  ])("refuses %s with the field that is wrong", async (url, message) => {
    const { wa } = await gateway();
    await expect(wa.proxies.put("p", { proxies: [{ url }] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [{ field: "proxies.0.url", message: expect.stringContaining(message) }] },
    });
  });

  it("refuses proxies for an engine that cannot use them, and an unknown profile", async () => {
    const { wa } = await gateway();
    await wa.profiles.create({ id: "direct", name: "Direct", engine: "plain" });
    await expect(wa.proxies.put("direct", { proxies: [{ url: "http://127.0.0.1:1" }] })).rejects.toMatchObject({
      code: "CAPABILITY_UNSUPPORTED",
    });
    await expect(wa.proxies.put("direct", { proxies: [] })).resolves.toEqual({ rotation: "on-failure", proxies: [] });
    await expect(wa.proxies.get("nobody")).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
  });

  it("hands each connection attempt the next proxy after a lost connection (rotation on-failure)", async () => {
    const { wa, network } = await gateway();
    await wa.proxies.put("p", {
      proxies: [{ url: "http://10.0.0.1:3128", username: "u", password: "pw" }, { url: "socks5://10.0.0.2:1080" }],
    });
    await wa.sessions.start("p");
    await waitForStatus(wa, "p", "open");
    const reported = nextEvent(wa, "session.status", (e) => e.status === "reconnecting");
    network.kick(PHONE, "connection_lost");
    expect(await reported).toMatchObject({ reason: "connection_lost" });
    await waitForStatus(wa, "p", "open");
    network.kick(PHONE, "connection_lost");
    await expect.poll(() => network.proxyLog.length).toBe(3);
    await waitForStatus(wa, "p", "open");
    expect(network.proxyLog.map((e) => e.proxy && proxyHref(e.proxy))).toEqual([
      "http://u:pw@10.0.0.1:3128",
      "socks5://10.0.0.2:1080",
      "http://u:pw@10.0.0.1:3128",
    ]);
    // A removed profile takes its proxies (and their passwords) with it.
    await wa.profiles.remove("p");
    expect(await wa.storage.getKeys("profile-proxies")).toEqual([]);
  });

  it("keeps the first proxy with rotation never", () => {
    const plan = {
      rotation: "never" as const,
      proxies: [
        { protocol: "http" as const, host: "a", port: 1 },
        { protocol: "socks5" as const, host: "b", port: 2 },
      ],
    };
    expect([0, 1, 2].map((f) => pickProxy(plan, f)?.host)).toEqual(["a", "a", "a"]);
    expect([0, 1, 2].map((f) => pickProxy({ ...plan, rotation: "on-failure" }, f)?.host)).toEqual(["a", "b", "a"]);
    expect(pickProxy({ ...plan, proxies: [] }, 3)).toBeUndefined();
  });
});
