import type { Storage } from "unstorage";
import type { Engine } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import {
  ProxySettingsSchema,
  type EngineProxy,
  type ProxyProtocol,
  type ProxyRotation,
  type ProxySettingsInput,
  type ProxySettingsView,
} from "./schema.js";

/** A profile's proxies as stored (passwords included) and as the session runtime reads them. */
export interface ProxyPlan {
  proxies: EngineProxy[];
  rotation: ProxyRotation;
}

const NONE: ProxyPlan = { proxies: [], rotation: "on-failure" };

/**
 * `wa.proxies`: each profile's list of proxies and how it rotates through them. The passwords are
 * secrets: kept in their own namespace, never returned by `get` or `put`.
 */
export class Proxies {
  constructor(
    private readonly storage: Storage,
    /** The profile's engine; throws PROFILE_NOT_FOUND for an unknown profile. */
    private readonly engineOf: (profileId: string) => Promise<Engine>,
  ) {}

  async get(profileId: string): Promise<ProxySettingsView> {
    await this.engineOf(profileId);
    return view(await this.plan(profileId));
  }

  /**
   * Replaces the list. A proxy given without `password` keeps the stored one of the same url and
   * username, so a client that only ever saw the masked listing can reorder or add proxies.
   * Takes effect at the profile's next connection attempt.
   */
  async put(profileId: string, input: ProxySettingsInput): Promise<ProxySettingsView> {
    const parsed = parseInput(ProxySettingsSchema, input, "proxy settings");
    checkSupport(await this.engineOf(profileId), parsed.proxies);
    const current = await this.plan(profileId);
    const proxies = parsed.proxies.map((given): EngineProxy => {
      const url = new URL(given.url);
      const endpoint: EngineProxy = {
        protocol: url.protocol.slice(0, -1) as ProxyProtocol,
        host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: Number(url.port),
        ...(given.username ? { username: given.username } : {}),
      };
      const kept =
        given.password === undefined
          ? current.proxies.find((p) => sameEndpoint(p, endpoint) && p.username === endpoint.username)?.password
          : (given.password ?? undefined);
      return kept ? { ...endpoint, password: kept } : endpoint;
    });
    const plan: ProxyPlan = { proxies, rotation: parsed.rotation };
    if (proxies.length) await this.storage.setItem(key(profileId), plan);
    else await this.storage.removeItem(key(profileId));
    return view(plan);
  }

  /** The stored plan with passwords, for the session runtime's connection attempts only. */
  async plan(profileId: string): Promise<ProxyPlan> {
    return (await this.storage.getItem<ProxyPlan>(key(profileId))) ?? NONE;
  }
}

/**
 * The proxy for a connection attempt after `failures` failed or lost connections: the first one,
 * or with `on-failure` rotation the next one of the list per failure.
 */
export function pickProxy(plan: ProxyPlan, failures: number): EngineProxy | undefined {
  if (!plan.proxies.length) return undefined;
  return plan.proxies[plan.rotation === "on-failure" ? failures % plan.proxies.length : 0];
}

// --- Internal helpers ---

/** In the `profileProxies` keyspace. */
function key(profileId: string): string {
  return profileId;
}

/** Refuses what the engine could not honour, rather than letting it connect directly unannounced. */
function checkSupport(engine: Engine, proxies: { url: string; username?: string | undefined }[]): void {
  if (!proxies.length) return;
  const support = engine.proxySupport;
  if (!support)
    throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Engine "${engine.name}" cannot connect through a proxy`, {
      details: { field: "proxies", engine: engine.name },
    });
  proxies.forEach((proxy, i) => {
    const protocol = new URL(proxy.url).protocol.slice(0, -1) as ProxyProtocol;
    const refusal = !support.protocols.includes(protocol)
      ? `Engine "${engine.name}" takes no ${protocol} proxy (it takes ${support.protocols.join(", ")})`
      : proxy.username && !support.credentials.includes(protocol)
        ? `Engine "${engine.name}" cannot log in to a ${protocol} proxy: use one without credentials`
        : undefined;
    if (refusal)
      throw new MultiWAError("VALIDATION_FAILED", refusal, {
        details: {
          field: `proxies.${i}.${proxy.username && support.protocols.includes(protocol) ? "username" : "url"}`,
        },
      });
  });
}

function sameEndpoint(a: EngineProxy, b: EngineProxy): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.port === b.port;
}

function view(plan: ProxyPlan): ProxySettingsView {
  return {
    rotation: plan.rotation,
    proxies: plan.proxies.map((p) => ({
      url: `${p.protocol}://${p.host.includes(":") ? `[${p.host}]` : p.host}:${p.port}`,
      ...(p.username ? { username: p.username } : {}),
      hasPassword: !!p.password,
    })),
  };
}
