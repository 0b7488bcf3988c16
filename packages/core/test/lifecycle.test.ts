import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mockEngine } from "../src/engines/mock.js";
import { startServices, stopServices, type Service } from "../src/lifecycle.js";
import { createMultiWA } from "../src/multiwa.js";

// Issue #19: options are resolved and checked once, before anything opens; the services start in order
// and stop in reverse, and one failing stop does not leave the rest running.
describe("createMultiWA options and lifecycle", () => {
  it.each([
    [{ leaseTtlMs: 0 }, "VALIDATION_FAILED", "leaseTtlMs"],
    [{ forwardTimeoutMs: Number.NaN }, "VALIDATION_FAILED", "forwardTimeoutMs"],
    [{ directory: { numberChecksPerMinute: -1 } }, "VALIDATION_FAILED", "directory.numberChecksPerMinute"],
    [{ retention: { audit: 0 } }, "VALIDATION_FAILED", "retention.audit"],
    [{ defaultEngine: "nope" }, "ENGINE_NOT_FOUND", "engine"],
  ])("refuses %j before the data folder or database is created", async (bad, code, field) => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "multiwa-options-")), "data");
    await expect(createMultiWA({ engines: { mock: mockEngine() }, dataDir, ...bad })).rejects.toMatchObject({
      code,
      details: { field },
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it("starts services in order (resume only when restoring) and stops them in reverse, past a failing stop", async () => {
    const log: string[] = [];
    const service = (name: string, failStop = false): Service => ({
      name,
      start: () => log.push(`start ${name}`),
      resume: () => log.push(`resume ${name}`),
      stop: () => {
        log.push(`stop ${name}`);
        if (failStop) throw new Error(`${name} failed`);
      },
    });
    const services = [service("a"), service("b", true), service("c")];
    await startServices(services, false);
    expect(log).toEqual(["start a", "start b", "start c"]);
    log.length = 0;
    await startServices(services, true);
    expect(log).toEqual(["start a", "resume a", "start b", "resume b", "start c", "resume c"]);
    log.length = 0;
    await expect(stopServices(services)).rejects.toThrow("b failed");
    expect(log).toEqual(["stop c", "stop b", "stop a"]);
  });
});
