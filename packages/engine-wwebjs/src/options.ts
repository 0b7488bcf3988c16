import { existsSync } from "node:fs";
import type WAWebJS from "whatsapp-web.js";
import { MultiWAError, proxyHref, type EngineProxy } from "@multiwa/core";
import type { WwebjsClient, WwebjsLib } from "./wwebjs.js";

export const ENGINE_NAME = "wwebjs";

/** Where Debian and Ubuntu install Chromium (`apt-get install chromium`). */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export type WebVersionCache = NonNullable<WAWebJS.ClientOptions["webVersionCache"]>;

export interface WwebjsEngineOptions {
  /** The Chromium binary; no browser is ever downloaded. @default env `MULTIWA_CHROMIUM_PATH`, else `/usr/bin/chromium` */
  executablePath?: string;
  /** Extra Chromium flags, added after the server defaults (see `chromiumArgs`). */
  args?: string[];
  /** @default true */
  headless?: boolean;
  /** Which WhatsApp Web build to load; passed to whatsapp-web.js as is. @default whatsapp-web.js's pinned version */
  webVersion?: string;
  /** How whatsapp-web.js finds that build. `none` loads the live page and writes nothing to disk. @default { type: "none" } */
  webVersionCache?: WebVersionCache;
  /** QR codes shown before the attempt ends with `timed_out`. @default 5 */
  qrMaxRetries?: number;
  /** How often the browser session is copied into storage while connected; at least 60000 (a whatsapp-web.js rule). @default 300000 */
  backupSyncIntervalMs?: number;
  /** Parent folder of each session's throwaway browser profile. @default os.tmpdir() */
  tmpDir?: string;
  /** Name shown under "Linked devices" on the phone. */
  deviceName?: string;
  /** Browser name shown under "Linked devices". */
  browserName?: string;
  /** How long whatsapp-web.js waits for the page to boot. @default 30000 */
  authTimeoutMs?: number;
  /** The whatsapp-web.js module, if you load it yourself. @default `import("whatsapp-web.js")` on first connect */
  lib?: WwebjsLib;
  /** Builds the client; tests pass a fake one. @default `new lib.Client(options)` */
  createClient?: (options: WAWebJS.ClientOptions, lib: WwebjsLib) => WwebjsClient;
}

export function resolveChromiumPath(options: Pick<WwebjsEngineOptions, "executablePath">): string {
  return options.executablePath ?? process.env.MULTIWA_CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
}

/**
 * Flags for a headless server: no GPU, no /dev/shm (small in containers), no background
 * services that phone home or update, and fewer processes to keep memory down.
 */
export function chromiumArgs(extra: string[] = [], asRoot = process.getuid?.() === 0): string[] {
  const args = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--disable-features=Translate,MediaRouter,OptimizationHints,site-per-process",
    // WhatsApp Web runs in a page nobody looks at; throttling it would delay messages.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
    "--renderer-process-limit=1",
    // GPU work is software-only here anyway; doing it in the browser process saves a process (about 100 MiB RSS).
    "--in-process-gpu",
  ];
  // Chromium refuses to start its sandbox as root; without a sandbox the zygote is one process too many.
  if (asRoot) args.push("--no-sandbox", "--disable-setuid-sandbox", "--no-zygote");
  return [...args, ...extra];
}

/**
 * whatsapp-web.js client options for one session; `authStrategy` is added by the session. A proxy
 * becomes Chromium's `--proxy-server` (without credentials: Chromium takes none in the flag) and, for
 * HTTP(S), whatsapp-web.js' `proxyAuthentication`, which answers the proxy's login challenge.
 */
export function clientOptions(options: WwebjsEngineOptions, proxy?: EngineProxy): WAWebJS.ClientOptions {
  const executablePath = resolveChromiumPath(options);
  if (!options.createClient && !existsSync(executablePath)) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `No Chromium at ${executablePath}: install it (\`apt-get install chromium\`) or set \`executablePath\` / MULTIWA_CHROMIUM_PATH`,
      {
        scope: ENGINE_NAME,
        details: { field: "executablePath", value: executablePath },
      },
    );
  }
  const backup = options.backupSyncIntervalMs ?? 300_000;
  if (!Number.isInteger(backup) || backup < 60_000) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Expected \`backupSyncIntervalMs\` to be an integer of at least 60000, got \`${backup}\``,
      {
        scope: ENGINE_NAME,
        details: { field: "backupSyncIntervalMs", value: backup },
      },
    );
  }
  return {
    puppeteer: {
      executablePath,
      headless: options.headless ?? true,
      args: chromiumArgs([...(proxy ? [`--proxy-server=${proxyHref(proxy, false)}`] : []), ...(options.args ?? [])]),
    },
    ...(proxy?.username ? { proxyAuthentication: { username: proxy.username, password: proxy.password ?? "" } } : {}),
    webVersionCache: options.webVersionCache ?? { type: "none" },
    ...(options.webVersion ? { webVersion: options.webVersion } : {}),
    qrMaxRetries: options.qrMaxRetries ?? 5,
    authTimeoutMs: options.authTimeoutMs ?? 30_000,
    ...(options.deviceName ? { deviceName: options.deviceName } : {}),
    ...(options.browserName ? { browserName: options.browserName } : {}),
  };
}
