import { MultiWAError } from "@multiwa/core";
import type { Agent } from "node:https";
import type { SocketConfig } from "@whiskeysockets/baileys";

/** Pino-compatible logger, the shape Baileys logs through. */
export interface BaileysLogger {
  level: string;
  child(bindings: Record<string, unknown>): BaileysLogger;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal?(...args: unknown[]): void;
}

export interface BaileysEngineOptions {
  /** WhatsApp Web WebSocket endpoint (a simulator in tests). @default "wss://web.whatsapp.com/ws/chat" */
  waWebSocketUrl?: string | URL;
  /** HTTPS agent for media uploads and downloads, e.g. one that trusts a test CA. */
  fetchAgent?: Agent;
  /** How the linked device shows up on the phone: `[os, browser, version]`. @default Baileys' default */
  browser?: [string, string, string];
  /** Logger for Baileys' own (verbose) logs. @default silent */
  logger?: BaileysLogger;
  /** Messages per session kept in memory to build quotes, answer retries and decrypt poll votes. @default 500 */
  messageCacheSize?: number;
  /**
   * How long a write of Signal ratchet state (sessions, sender keys) may wait so later ones replace it;
   * a crash inside it loses the last ratchet advances (docs/hot-path.md, "Baileys keys"). 0 stores each
   * before Baileys goes on. @default 50
   */
  keyWriteWindowMs?: number;
  /** Sessions of this engine logging in at the same time; the rest wait their turn. @default 16 */
  maxConcurrentLogins?: number;
  /** Extra Baileys socket options, applied last (no `auth`: the engine owns it). */
  socketConfig?: Partial<Omit<SocketConfig, "auth">>;
}

export type ResolvedOptions = BaileysEngineOptions & {
  messageCacheSize: number;
  maxConcurrentLogins: number;
  keyWriteWindowMs: number;
  logger: BaileysLogger;
};

export function resolveOptions(options: BaileysEngineOptions): ResolvedOptions {
  const size = options.messageCacheSize ?? 500;
  const logins = options.maxConcurrentLogins ?? 16;
  const window = options.keyWriteWindowMs ?? 50;
  if (!Number.isFinite(window) || window < 0) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Expected \`keyWriteWindowMs\` to be a non-negative number, got \`${String(window)}\` (${typeof window})`,
      { scope: "baileys", details: { field: "keyWriteWindowMs", value: window } },
    );
  }
  if (!Number.isInteger(logins) || logins < 1) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Expected \`maxConcurrentLogins\` to be a positive integer, got \`${String(logins)}\` (${typeof logins})`,
      {
        scope: "baileys",
        details: { field: "maxConcurrentLogins", value: logins },
      },
    );
  }
  if (!Number.isInteger(size) || size < 0) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Expected \`messageCacheSize\` to be a non-negative integer, got \`${String(size)}\` (${typeof size})`,
      {
        scope: "baileys",
        details: { field: "messageCacheSize", value: size },
      },
    );
  }
  if (options.browser && (!Array.isArray(options.browser) || options.browser.length !== 3)) {
    throw new MultiWAError("VALIDATION_FAILED", "Expected `browser` to be `[os, browser, version]`", {
      scope: "baileys",
      details: { field: "browser" },
    });
  }
  return {
    ...options,
    messageCacheSize: size,
    maxConcurrentLogins: logins,
    keyWriteWindowMs: window,
    logger: options.logger ?? silentLogger(),
  };
}

export function silentLogger(): BaileysLogger {
  const noop = () => {};
  const logger: BaileysLogger = {
    level: "silent",
    child: () => logger,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    fatal: noop,
  };
  return logger;
}
