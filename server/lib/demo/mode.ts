/** Demo mode: `MULTIWA_DEMO=1` runs the WhatsApp Web simulator in process for a no-phone tour. */
export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MULTIWA_DEMO === "1" || env.MULTIWA_DEMO === "true";
}

/**
 * Why demo mode must not start here, or undefined. It serves unauthenticated receiver routes and
 * a fake WhatsApp network, so production refuses it unless `MULTIWA_DEMO_FORCE=1` says otherwise.
 */
export function demoRefusal(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!demoEnabled(env) || env.NODE_ENV !== "production") return undefined;
  if (env.MULTIWA_DEMO_FORCE === "1") return undefined;
  return (
    "[multiwa] MULTIWA_DEMO=1 is refused with NODE_ENV=production: demo mode runs a simulated WhatsApp network " +
    "and an open webhook receiver. Unset MULTIWA_DEMO, or set MULTIWA_DEMO_FORCE=1 to run the demo anyway."
  );
}

/** The gateway's own base URL as seen from inside the process (webhook deliveries to the inspector). */
export function selfUrl(env: NodeJS.ProcessEnv = process.env): string {
  const port = env.PORT ?? env.NITRO_PORT ?? "3000";
  return `http://127.0.0.1:${port}`;
}
