import { isIP } from "node:net";

/**
 * Whether an address is anything but a public unicast address: loopback, private, CGNAT,
 * link-local (incl. the 169.254.169.254 metadata service), ULA, multicast, reserved, documentation.
 * Addresses that embed an IPv4 address (IPv4-mapped `::ffff:127.0.0.1` in any spelling, NAT64
 * `64:ff9b::/96`, IPv4-compatible `::a.b.c.d`, 6to4 `2002::/16`) are judged by the embedded one.
 * Legacy IPv4 spellings (`2130706433`, `0x7f.1`, `0177.0.0.1`) are read as a browser reads them.
 * Anything unparsable counts as private: the guard refuses what it cannot judge.
 */
export function isPrivateAddress(address: string): boolean {
  const bytes = parseAddress(address);
  if (!bytes) return true;
  return bytes.length === 4 ? _privateV4(bytes) : _privateV6(bytes);
}

/** The address as 4 or 16 bytes, or undefined when it is not an IP address. */
export function parseAddress(address: string): number[] | undefined {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  if (bare.includes(":")) return isIP(bare) === 6 ? _v6Bytes(bare) : undefined;
  const v4 = isIP(bare) === 4 ? bare : _legacyV4(bare);
  return v4 ? v4.split(".").map(Number) : undefined;
}

// --- Internal helpers ---

type Range = [base: number[], bits: number];

const V4_NON_PUBLIC: Range[] = [
  [[0, 0, 0, 0], 8], // "this network", incl. 0.0.0.0
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // CGNAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, cloud metadata
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

const V6_NON_PUBLIC: Range[] = [
  [_v6Bytes("2001::"), 23], // IETF protocol assignments, Teredo
  [_v6Bytes("2001:db8::"), 32], // documentation
  [_v6Bytes("3fff::"), 20], // documentation
];

function _privateV4(b: number[]): boolean {
  return V4_NON_PUBLIC.some((r) => _inRange(b, r));
}

function _privateV6(b: number[]): boolean {
  const zeros = (n: number) => b.slice(0, n).every((x) => x === 0);
  // IPv4-mapped ::ffff:0:0/96 and IPv4-compatible ::/96 (which also holds :: and ::1).
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return _privateV4(b.slice(12));
  if (zeros(12)) return true;
  // NAT64 64:ff9b::/96 reaches the embedded IPv4 address; 64:ff9b:1::/48 is local use.
  if (_inRange(b, [_v6Bytes("64:ff9b::"), 96])) return _privateV4(b.slice(12));
  if (_inRange(b, [_v6Bytes("2002::"), 16])) return _privateV4(b.slice(2, 6)); // 6to4
  // Only global unicast 2000::/3 is public; ULA fc00::/7, link-local fe80::/10, multicast ff00::/8 are not.
  if ((b[0]! & 0xe0) !== 0x20) return true;
  return V6_NON_PUBLIC.some((r) => _inRange(b, r));
}

function _inRange(bytes: number[], [base, bits]: Range): boolean {
  if (bytes.length !== base.length) return false;
  for (let i = 0; i < bits; i += 8) {
    const mask = bits - i >= 8 ? 0xff : (0xff << (8 - (bits - i))) & 0xff;
    if ((bytes[i / 8]! & mask) !== (base[i / 8]! & mask)) return false;
  }
  return true;
}

function _v6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** inet_aton forms as the WHATWG URL parser reads them: 1 to 4 parts, each decimal, 0-octal or 0x-hex. */
function _legacyV4(text: string): string | undefined {
  if (!/^[0-9a-fx.]+$/i.test(text) || !/\d/.test(text)) return undefined;
  try {
    const host = new URL(`http://${text}/`).hostname;
    return isIP(host) === 4 ? host : undefined;
  } catch {
    return undefined;
  }
}
