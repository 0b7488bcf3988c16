import { isMultiWAError } from "@multiwa/core";
import { afterEach, describe, expect, it, vi } from "vitest";

describe("loadBaileys", () => {
  afterEach(() => {
    vi.doUnmock("@whiskeysockets/baileys");
    vi.resetModules();
  });

  it("fails with an install hint when @whiskeysockets/baileys is missing", async () => {
    vi.resetModules();
    vi.doMock("@whiskeysockets/baileys", () => {
      throw new Error("Cannot find package '@whiskeysockets/baileys'");
    });
    const { loadBaileys } = await import("../src/load.js");
    const error = await loadBaileys().catch((e: unknown) => e);
    expect(isMultiWAError(error, "ENGINE_NOT_FOUND")).toBe(true);
    expect(String((error as Error).message)).toMatch(/\[baileys\].*pnpm add @whiskeysockets\/baileys/);
  });

  it("importing the engine does not load Baileys; connecting does", async () => {
    vi.resetModules();
    const loaded = vi.fn();
    vi.doMock("@whiskeysockets/baileys", async (original) => (loaded(), original()));
    const { baileysEngine } = await import("../src/index.js");
    baileysEngine();
    expect(loaded).not.toHaveBeenCalled();
    const { loadBaileys } = await import("../src/load.js");
    await loadBaileys();
    expect(loaded).toHaveBeenCalled();
  });
});
