import type { Logger } from "pino";

// libsignal (under Baileys and the simulator) writes straight to the global console, and its session
// lines print the whole session record, private keys included ("Closing session: SessionEntry {…}").
// Those lines go to the logger at debug, with the record dropped; everything else passes through.
const SIGNAL_LINES = [
  "Closing session",
  "Opening session",
  "Removing old closed session",
  "Session already closed",
  "Session already open",
  "Migrating session to",
  "Closing open session in favor of incoming prekey bundle",
  "Decrypted message with closed session",
  "Failed to decrypt message with any known session",
  "Session error:",
  "V1 session storage migration error",
];
const METHODS = ["log", "info", "warn", "error", "debug"] as const;
let installed = false;

/** Routes libsignal's console lines to `log` (debug, message only) in this process; idempotent. */
export function silenceSignalConsole(log: Logger): void {
  if (installed) return;
  installed = true;
  const signal = log.child({ lib: "libsignal" });
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const first = args[0];
      const line = typeof first === "string" ? SIGNAL_LINES.find((prefix) => first.startsWith(prefix)) : undefined;
      if (line) signal.debug({ dropped: args.length - 1 }, line);
      else original(...args);
    };
  }
}
