import { createMultiWA, createStorageFromUrl, type MultiWA } from "@multiwa/core";
import { afterEach, describe, expect, it } from "vitest";
import type WAWebJS from "whatsapp-web.js";
import { wwebjsEngine, type WwebjsClient } from "../src/index.js";
import { clientOptions } from "../src/options.js";
import { FakeClient } from "./fake/client.js";
import { fakeEngineOptions } from "./harness.js";

// Proxy per profile (issue #23) on whatsapp-web.js: the profile's proxy reaches Chromium as
// --proxy-server, its credentials as whatsapp-web.js' proxyAuthentication (never in the flag).
describe("wwebjs through a proxy", () => {
  let wa: MultiWA | undefined;
  afterEach(async () => wa?.close());

  it("launches Chromium with the profile's proxy and answers its login", async () => {
    const setup = fakeEngineOptions();
    const given: WAWebJS.ClientOptions[] = [];
    const engine = wwebjsEngine({
      ...setup.options,
      args: ["--lang=id"],
      createClient: (options) => (
        given.push(options),
        new FakeClient(options, setup.network) as unknown as WwebjsClient
      ),
    });
    wa = await createMultiWA({
      engines: { wwebjs: engine },
      storage: await createStorageFromUrl("memory:"),
      restore: false,
    });
    await wa.profiles.create({ id: "w", name: "W" });
    await wa.proxies.put("w", { proxies: [{ url: "http://127.0.0.1:3128", username: "bob", password: "pw:1" }] });
    await wa.sessions.start("w");
    await expect.poll(() => given.length).toBe(1);
    const args = given[0]!.puppeteer?.args ?? [];
    expect(args).toContain("--proxy-server=http://127.0.0.1:3128");
    expect(args.at(-1)).toBe("--lang=id");
    expect(args.join(" ")).not.toContain("pw:1");
    expect(given[0]!.proxyAuthentication).toEqual({ username: "bob", password: "pw:1" });
  });

  it("passes a SOCKS5 proxy and refuses one with credentials, which Chromium cannot send", async () => {
    const options = clientOptions(fakeEngineOptions().options, { protocol: "socks5", host: "::1", port: 1080 });
    expect(options.puppeteer?.args).toContain("--proxy-server=socks5://[::1]:1080");
    expect(options.proxyAuthentication).toBeUndefined();
    const setup = fakeEngineOptions();
    wa = await createMultiWA({
      engines: { wwebjs: wwebjsEngine(setup.options) },
      storage: await createStorageFromUrl("memory:"),
      restore: false,
    });
    await wa.profiles.create({ id: "s", name: "S" });
    await expect(
      wa.proxies.put("s", { proxies: [{ url: "socks5://127.0.0.1:1080", username: "u", password: "p" }] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { field: "proxies.0.username" } });
  });
});
