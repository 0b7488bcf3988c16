import { z } from "zod";
import { secret } from "../schemas/secret.js";

/** The proxy kinds every engine can take: HTTP CONNECT (plain or over TLS) and SOCKS5. */
export const PROXY_PROTOCOLS = ["http", "https", "socks5"] as const;
export type ProxyProtocol = (typeof PROXY_PROTOCOLS)[number];

/** What a profile does after a connection failure: try the next proxy of its list, or keep the first. */
export const PROXY_ROTATIONS = ["on-failure", "never"] as const;
export type ProxyRotation = (typeof PROXY_ROTATIONS)[number];

// Credentials go in their own fields (the password is a secret); in the URL they would be listed back.
const ProxyUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = _urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ProxyInputSchema = z
  .object({
    /** `http://host:port`, `https://host:port` or `socks5://host:port`; no credentials. */
    url: ProxyUrlSchema,
    username: z.string().min(1).max(255).optional(),
    /** Omitted on an update: the stored password of the same url and username is kept. `null` removes it. */
    password: secret(z.string().min(1).max(255)).nullable().optional(),
  })
  .strict();
export type ProxyInput = z.input<typeof ProxyInputSchema>;

export const ProxySettingsSchema = z
  .object({
    /** Tried in this order; empty connects directly. */
    proxies: z.array(ProxyInputSchema).max(32),
    /** `on-failure`: the reconnect after a failed or lost connection uses the next proxy of the list. */
    rotation: z.enum(PROXY_ROTATIONS).default("on-failure"),
  })
  .strict();
export type ProxySettingsInput = z.input<typeof ProxySettingsSchema>;

/** A proxy as the API lists it: the password never leaves the gateway, only whether one is set. */
export const ProxyViewSchema = z.object({
  url: z.string(),
  username: z.string().optional(),
  hasPassword: z.boolean(),
});

export const ProxySettingsViewSchema = z.object({
  proxies: z.array(ProxyViewSchema),
  rotation: z.enum(PROXY_ROTATIONS),
});
export type ProxySettingsView = z.infer<typeof ProxySettingsViewSchema>;

/** One proxy as an engine receives it for a connection attempt. */
export interface EngineProxy {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** `protocol://user:pass@host:port` (credentials percent-encoded), the form proxy agent libraries take. */
export function proxyHref(proxy: EngineProxy, withCredentials = true): string {
  const auth =
    withCredentials && proxy.username
      ? `${encodeURIComponent(proxy.username)}${proxy.password ? `:${encodeURIComponent(proxy.password)}` : ""}@`
      : "";
  const host = proxy.host.includes(":") ? `[${proxy.host}]` : proxy.host;
  return `${proxy.protocol}://${auth}${host}:${proxy.port}`;
}

// --- Internal helpers ---

/** The first thing wrong with a proxy URL, so the error names one problem, not every consequence of it. */
function _urlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return "must be a URL like `socks5://host:1080`";
  const url = new URL(value);
  if (!PROXY_PROTOCOLS.includes(url.protocol.slice(0, -1) as ProxyProtocol))
    return `must start with ${PROXY_PROTOCOLS.map((p) => `\`${p}://\``).join(", ")}`;
  if (url.username || url.password) return "must not carry credentials: set `username` and `password` instead";
  if (!url.port) return "must name a port";
  if (!["", "/"].includes(url.pathname + url.search + url.hash)) return "must be only `protocol://host:port`";
  return undefined;
}
