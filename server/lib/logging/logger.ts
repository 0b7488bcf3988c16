import { createRequire } from "node:module";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import type { EngineLogger } from "@multiwa/core";
import { useConfig } from "../config/config.js";
import type { ServerConfig } from "../config/schema.js";
import { redact } from "./redact.js";

export interface LogSettings {
  /** `MULTIWA_LOG_LEVEL`. @default "info" */
  level: Level | "silent";
  /** Human-readable lines (pino-pretty) instead of JSON: only on a terminal, and only when pino-pretty is installed. */
  pretty: boolean;
}

/** The settings from the configuration (which refuses an unknown level at start-up, listing the accepted ones). */
export function logSettings(
  config: Pick<ServerConfig, "MULTIWA_LOG_LEVEL" | "NODE_ENV"> = useConfig(),
  tty = process.stdout.isTTY === true,
): LogSettings {
  return {
    level: config.MULTIWA_LOG_LEVEL,
    pretty: tty && config.NODE_ENV !== "production" && prettyStream() !== undefined,
  };
}

/** The gateway's pino logger: every object it logs goes through `redact` first. */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options = {
    level: settings.level,
    base: { pid: process.pid },
    formatters: { log: (object: Record<string, unknown>) => redact(object) as Record<string, unknown> },
    serializers: { err: (e: unknown) => redact(e) },
  };
  return pino(options, destination ?? (settings.pretty ? prettyStream()!() : pino.destination(1)));
}

/** pino-pretty as a synchronous stream (no worker thread), when it is installed (a dev dependency). */
function prettyStream(): (() => DestinationStream) | undefined {
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => DestinationStream;
    return () => pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

/** The core's logger port over pino: `(message, data)` becomes `(fields, message)`, errors under `err`. */
export function engineLogger(log: Logger): EngineLogger {
  const fields = (data: unknown): object =>
    data === undefined || data === ""
      ? {}
      : data instanceof Error
        ? { err: data }
        : typeof data === "object" && data !== null
          ? { data }
          : { data: String(data) };
  return {
    debug: (m, d) => log.debug(fields(d), m),
    info: (m, d) => log.info(fields(d), m),
    warn: (m, d) => log.warn(fields(d), m),
    error: (m, d) => log.error(fields(d), m),
    child: (bindings) => engineLogger(log.child(bindings)),
  };
}

let root: Logger | undefined;

/** The process-wide logger, from MULTIWA_LOG_LEVEL. */
export function useLogger(): Logger {
  root ??= createLogger(logSettings());
  return root;
}
