import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { MultiWAError } from "../errors.js";

/**
 * Refuses webhook targets inside the gateway's own network (loopback, private, link-local,
 * metadata addresses), so an API user cannot make the gateway call its neighbours.
 * Checked on every delivery, after DNS resolution, so a name cannot be re-pointed later.
 */
export async function assertPublicTarget(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw blocked(url, `${host} does not resolve`);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw blocked(url, `${host} resolves to the private address ${bad}`);
}

export function isPrivateAddress(address: string): boolean {
  if (address.includes(":")) {
    const a = address.toLowerCase();
    if (a.startsWith("::ffff:")) return isPrivateAddress(a.slice(7));
    return a === "::1" || a === "::" || a.startsWith("fc") || a.startsWith("fd") || a.startsWith("fe80");
  }
  const [a = 0, b = 0] = address.split(".").map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function blocked(url: string, why: string): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `Webhook target ${url} is not allowed: ${why} (allow private targets explicitly to use it)`, { details: { field: "url" } });
}
