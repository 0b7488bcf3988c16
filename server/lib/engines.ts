import { readFile } from "node:fs/promises";
import { Agent } from "node:https";
import type { Engine } from "@multiwa/core";
import { mockEngine, MockNetwork } from "@multiwa/core/engines/mock";
import { useConfig } from "./config/config.js";
import { useLogger } from "./logging/logger.js";

/** The demo network behind the mock engine; the `/api/mock` routes play the phones on it. `MULTIWA_MOCK_JOURNAL` journals deliveries to a file (crash tests). */
let network: MockNetwork | undefined;
export function demoNetwork(): MockNetwork {
  const journal = useConfig().MULTIWA_MOCK_JOURNAL;
  network ??= new MockNetwork(journal ? { journal } : {});
  return network;
}

/** Where the Baileys engine connects, when not WhatsApp itself (demo mode's in-process simulator). */
export interface BaileysTarget {
  waWebSocketUrl: string;
  fetchAgent?: Agent;
}

type Loader = (baileys?: BaileysTarget) => Promise<Engine>;

// Optional engines are separate packages; a missing one is skipped with a note, not a crash.
const LOADERS: Record<string, Loader> = {
  mock: async () => mockEngine({ network: demoNetwork() }),
  baileys: async (target) => {
    const { baileysEngine } = await import("@multiwa/engine-baileys");
    // Baileys logs through pino; its info level is chatty, so it starts at warn unless told otherwise.
    const logger = useLogger().child({ engine: "baileys" }, { level: useConfig().MULTIWA_ENGINE_LOG_LEVEL });
    if (target) return baileysEngine({ ...target, logger });
    const url = useConfig().MULTIWA_BAILEYS_WS_URL;
    // A WhatsApp simulator (or a proxy) with its own certificate for media uploads.
    const caFile = useConfig().MULTIWA_BAILEYS_CA_FILE;
    const fetchAgent = caFile ? new Agent({ ca: await readFile(caFile, "utf8"), keepAlive: true }) : undefined;
    return baileysEngine({ logger, ...(url ? { waWebSocketUrl: url } : {}), ...(fetchAgent ? { fetchAgent } : {}) });
  },
  // The official Cloud API. MULTIWA_GRAPH_URL points at a Graph API simulator in tests; MULTIWA_PUBLIC_URL
  // is where Meta reaches this gateway, so connecting subscribes /api/ingress/meta/{profileId}.
  "cloud-api": async () => {
    const { cloudApiEngine } = await import("@multiwa/engine-cloud-api");
    const { MULTIWA_GRAPH_URL: graphUrl, MULTIWA_PUBLIC_URL: publicUrl } = useConfig();
    return cloudApiEngine({ ...(graphUrl ? { graphUrl } : {}), ...(publicUrl ? { publicUrl } : {}) });
  },
  wwebjs: async () => {
    const { wwebjsEngine } = await import("@multiwa/engine-wwebjs");
    const executablePath = useConfig().MULTIWA_CHROMIUM_PATH;
    return wwebjsEngine(executablePath ? { executablePath } : {});
  },
};

export async function loadEngines(names: string[], baileys?: BaileysTarget): Promise<Record<string, Engine>> {
  const engines: Record<string, Engine> = {};
  for (const name of names) {
    const load = LOADERS[name];
    if (!load) {
      useLogger().warn(`unknown engine "${name}" in MULTIWA_ENGINES; known: ${Object.keys(LOADERS).join(", ")}`);
      continue;
    }
    try {
      engines[name] = await load(baileys);
    } catch (error) {
      useLogger().warn(`engine "${name}" is not available (${(error as Error).message.split("\n")[0]}); skipping it`);
    }
  }
  if (!Object.keys(engines).length) engines.mock = await LOADERS.mock!();
  return engines;
}
