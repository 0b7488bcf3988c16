import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { MultiWAError } from "../errors.js";
import { isPrivateAddress, parseAddress } from "./address.js";

/** Every address a host name resolves to. Injected in tests to simulate DNS (and DNS rebinding). */
export type Resolver = (host: string) => Promise<string[]>;

export interface OutboundPolicy {
  /**
   * Let outbound calls (webhooks, media URLs, AI endpoints, flow HTTP nodes, rule webhook actions)
   * reach loopback, private, link-local and other internal addresses: `true` for all of them, or a
   * list of the addresses allowed (e.g. one same-host receiver). The server's switch is
   * `MULTIWA_WEBHOOK_ALLOW_PRIVATE` (`1`, or a comma-separated address list). @default false
   */
  allowPrivateTargets?: boolean | string[];
  /**
   * URL prefixes allowed although private: routes this gateway serves itself (demo mode's webhook
   * inspector). Compared after URL normalisation, so `..` cannot climb out of a prefix; never whole
   * hosts or ports. @default []
   */
  trustedUrls?: string[];
  /** @default the system resolver (`dns.lookup`, every address) */
  resolve?: Resolver;
}

/** What refusal messages name, so whoever reads one knows the switch. */
export const PRIVATE_TARGETS_SETTING = "MULTIWA_WEBHOOK_ALLOW_PRIVATE=1 (library option: outbound.allowPrivateTargets)";

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Parses an outbound URL: http(s) only, no credentials in it. */
export function parseTarget(url: string, field = "url"): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MultiWAError("VALIDATION_FAILED", `Not a URL: ${clip(url)}`, { details: { field } });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new MultiWAError("VALIDATION_FAILED", `Only http and https URLs are allowed (got ${clip(parsed.protocol)})`, {
      details: { field },
    });
  }
  return parsed;
}

/**
 * Resolves the URL's host and checks every address it resolves to; returns the addresses to connect
 * to (the caller must connect to one of these, not resolve again). Throws `VALIDATION_FAILED` naming
 * the setting when an address is not public and private targets are not allowed.
 */
export async function resolveTarget(url: URL, policy: OutboundPolicy, field = "url"): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(host);
    } catch (cause) {
      throw new MultiWAError("SEND_FAILED", `${host} does not resolve`, { cause, details: { field } });
    }
    if (!addresses.length) throw new MultiWAError("SEND_FAILED", `${host} does not resolve`, { details: { field } });
  }
  if (policy.allowPrivateTargets === true || isTrustedUrl(url, policy.trustedUrls)) return addresses;
  const allowed = new Set((policy.allowPrivateTargets || []).map(_canonical));
  const bad = addresses.find((a) => isPrivateAddress(a) && !allowed.has(_canonical(a)));
  if (bad !== undefined)
    throw refusedTarget(
      url,
      host === bad ? `${host} is not a public address` : `${host} resolves to ${bad}, not a public address`,
      field,
    );
  return addresses;
}

/**
 * The check made when a URL is saved (webhook, rule action, flow node, AI endpoint): refused at once
 * with a message naming the setting, not silently at delivery. A name that does not resolve now is
 * accepted, and so is one DNS takes longer than `SAVE_RESOLVE_MS` to answer; the check made before
 * every call still applies.
 */
export async function assertSavableTarget(url: string, policy: OutboundPolicy, field = "url"): Promise<void> {
  const parsed = parseTarget(url, field);
  if (policy.allowPrivateTargets === true || isTrustedUrl(parsed, policy.trustedUrls)) return;
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<void>((resolve) => (timer = setTimeout(resolve, SAVE_RESOLVE_MS)));
  try {
    await Promise.race([resolveTarget(parsed, policy, field), slow]);
  } catch (error) {
    if ((error as MultiWAError).code === "VALIDATION_FAILED") throw error;
  } finally {
    clearTimeout(timer);
  }
}

const SAVE_RESOLVE_MS = 3000;

export function refusedTarget(url: URL, why: string, field = "url"): MultiWAError {
  return new MultiWAError(
    "VALIDATION_FAILED",
    `Target ${url.protocol}//${url.host} is not allowed: ${why}. Private and internal targets are refused unless allowed with ${PRIVATE_TARGETS_SETTING}`,
    { details: { field, setting: "allowPrivateTargets" } },
  );
}

/** Whether `url` lies under one of the `trusted` prefixes (see `OutboundPolicy.trustedUrls`). */
export function isTrustedUrl(url: URL, trusted: readonly string[] = []): boolean {
  return trusted.some((prefix) => url.href.startsWith(new URL(prefix).href));
}

/** The family of a checked address, as `net.connect`'s lookup answers it. */
export function familyOf(address: string): 4 | 6 {
  return parseAddress(address)?.length === 16 ? 6 : 4;
}

function _canonical(address: string): string {
  return parseAddress(address)?.join(".") ?? address;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
