import type { ClientRequest } from "node:http";
import type { Agent } from "node:https";
import type { ConnectionOptions } from "node:tls";
import { proxyHref, type EngineProxy } from "@multiwa/core";
import { HttpsProxyAgent } from "https-proxy-agent";
import { SocksProxyAgent } from "socks-proxy-agent";

/** The TLS options a proxied connection keeps from the engine's `fetchAgent` (a test CA, client certs). */
const TLS_OPTIONS = ["ca", "cert", "key", "rejectUnauthorized", "servername"] as const;

/**
 * One agent for everything a session opens: the WebSocket, media uploads and media downloads. HTTP
 * and HTTPS proxies tunnel with CONNECT; SOCKS5 resolves host names at the proxy (`socks5h`), so
 * WhatsApp's host names never reach the local resolver either.
 */
export function proxyAgent(proxy: EngineProxy, trust?: Agent): Agent {
  const tls = _tlsOf(trust);
  if (proxy.protocol === "socks5") return new SocksProxyAgent(proxyHref(proxy).replace(/^socks5:/, "socks5h:"), tls);
  const agent = new HttpsProxyAgent(proxyHref(proxy), tls);
  // It resets `options` (the TLS options of the tunnelled connection) in its constructor; set them again.
  Object.assign(agent.options, tls);
  // A refused CONNECT (407: missing or wrong credentials) is replayed as the request's response, which the
  // WebSocket waits on until its connect timeout: fail the request at once, naming the proxy's answer.
  agent.on("proxyConnect", (answer: { statusCode: number; statusText?: string }, req: ClientRequest) => {
    if (answer.statusCode !== 200)
      req.destroy(new Error(`the proxy refused the tunnel: ${answer.statusCode} ${answer.statusText ?? ""}`.trim()));
  });
  return agent as Agent;
}

/** How a proxy is named in logs and errors: never with its credentials. */
export function proxyLabel(proxy: EngineProxy): string {
  return proxyHref(proxy, false);
}

// --- Internal helpers ---

function _tlsOf(agent: Agent | undefined): ConnectionOptions {
  const options = (agent as { options?: Record<string, unknown> } | undefined)?.options ?? {};
  return Object.fromEntries(TLS_OPTIONS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}
