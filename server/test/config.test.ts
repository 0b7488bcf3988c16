// Issue #19 item 6 / #23: the server's settings are one zod schema, parsed once at start-up; the README's
// table is generated from it, and no server file reads a MULTIWA_* variable behind the schema's back
// (wave 1 had 41 variables read ad hoc, 14 of them undocumented, and bad values silently fell back).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configTable } from "../../test/support/config-table.js";
import { parseConfig } from "#lib/config/config.js";
import { ConfigSchema } from "#lib/config/schema.js";
import { startServer } from "./helpers/server.js";
import { gatewaySourceFiles } from "./helpers/sources.js";

const serverSources = () => gatewaySourceFiles().filter((p) => !p.includes("/lib/config/"));

describe("server configuration", () => {
  it("the README table lists exactly the schema's variables (regenerate: test/support/config-table.ts --write)", () => {
    expect(configTable.current()).toBe(configTable.render());
  });

  it("every variable the server names is in the schema, and only the config module reads the environment", () => {
    // Identifiers that merely look like a variable (the core's error list).
    const keys = new Set([...Object.keys(ConfigSchema.shape), "MULTIWA_ERROR_CODES"]);
    for (const file of serverSources()) {
      const text = readFileSync(file, "utf8");
      for (const [name] of text.matchAll(/MULTIWA_[A-Z0-9_]*[A-Z0-9]/g))
        expect(keys.has(name) || name === "MULTIWA_RETENTION", `${name} in ${file}`).toBe(true);
      const reads = [...text.matchAll(/process\.env(?:\.([A-Z_]+)|\[)/g)].map((m) => m[1] ?? "[…]");
      // NODE_ENV too: the bundler replaces `process.env.NODE_ENV` with "production" at build time.
      expect(reads, `${file} reads the environment`).toEqual([]);
    }
  });

  it("applies defaults, treats empty values as unset, and types what it parses", () => {
    const config = parseConfig({ MULTIWA_ENGINES: "baileys, mock ,", MULTIWA_RATE_LIMIT: "", NITRO_PORT: "4100" });
    expect(config).toMatchObject({
      PORT: 4100,
      MULTIWA_ENGINES: ["baileys", "mock"],
      MULTIWA_RATE_LIMIT: 100,
      MULTIWA_LEASE_TTL_MS: 30_000,
      MULTIWA_DEMO: false,
      MULTIWA_METRICS_ALLOW: [],
    });
    expect(
      parseConfig({ MULTIWA_RETENTION_AUDIT_DAYS: "forever", MULTIWA_RETENTION_MESSAGES_DAYS: "3" }),
    ).toMatchObject({
      MULTIWA_RETENTION_AUDIT_DAYS: false,
      MULTIWA_RETENTION_MESSAGES_DAYS: 3,
    });
  });

  it("refuses bad values naming each variable (they used to fall back silently)", () => {
    const refuse = (env: Record<string, string>) => () => parseConfig(env);
    expect(refuse({ MULTIWA_RATE_LIMIT: "fast", MULTIWA_DEMO: "yes" })).toThrow(
      /MULTIWA_RATE_LIMIT="fast".*\n.*MULTIWA_DEMO="yes"/,
    );
    expect(refuse({ MULTIWA_RETENTION_HISTORY_DAYS: "-1" })).toThrow(/MULTIWA_RETENTION_HISTORY_DAYS/);
    expect(refuse({ MULTIWA_API_KEY: "short" })).toThrow(/MULTIWA_API_KEY="short": Too small/);
    expect(refuse({ MULTIWA_PUBLIC_URL: "gateway.example" })).toThrow(/MULTIWA_PUBLIC_URL/);
  });

  it("a gateway started with a bad value stops at once with the variable's name", async () => {
    await expect(startServer({ MULTIWA_LEASE_TTL_MS: "soon" })).rejects.toThrow(
      /invalid configuration[\s\S]*MULTIWA_LEASE_TTL_MS="soon"/,
    );
  }, 120_000);
});
