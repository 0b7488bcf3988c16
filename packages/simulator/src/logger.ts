/** Minimal pino-compatible logger shape, as Baileys' `ILogger` expects. */
export interface SilentLogger {
  level: string;
  child(obj: Record<string, unknown>): SilentLogger;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): void;
}

const noop = (): void => {};

/** A logger that drops everything; pass it as Baileys' `logger` in tests. */
export const silentLogger = (): SilentLogger => {
  const logger: SilentLogger = {
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
};
