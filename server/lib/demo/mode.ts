import { useConfig } from "../config/config.js";
import type { ServerConfig } from "../config/schema.js";

/** Demo mode: `MULTIWA_DEMO=1` runs the WhatsApp Web simulator in process for a no-phone tour. */
export function demoEnabled(config: Pick<ServerConfig, "MULTIWA_DEMO"> = useConfig()): boolean {
  return config.MULTIWA_DEMO;
}

/**
 * Why demo mode must not start here, or undefined. It serves unauthenticated receiver routes and
 * a fake WhatsApp network, so production refuses it unless `MULTIWA_DEMO_FORCE=1` says otherwise.
 */
export function demoRefusal(config: ServerConfig = useConfig()): string | undefined {
  if (!config.MULTIWA_DEMO || config.NODE_ENV !== "production" || config.MULTIWA_DEMO_FORCE) return undefined;
  return (
    "[multiwa] MULTIWA_DEMO=1 is refused with NODE_ENV=production: demo mode runs a simulated WhatsApp network " +
    "and an open webhook receiver. Unset MULTIWA_DEMO, or set MULTIWA_DEMO_FORCE=1 to run the demo anyway."
  );
}

/** The gateway's own base URL as seen from inside the process (webhook deliveries to the inspector). */
export function selfUrl(config: Pick<ServerConfig, "PORT"> = useConfig()): string {
  return `http://127.0.0.1:${config.PORT}`;
}
