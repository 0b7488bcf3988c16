import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "../../src/net/address.js";

// Regression: #17 (finding 3) — `http://[::ffff:127.0.0.1]/` passed the guard: the URL parser spells it
// `::ffff:7f00:1`, which the old prefix check read as a public IPv6 address.
describe("isPrivateAddress", () => {
  const internal = [
    "::ffff:7f00:1",
    "[::ffff:127.0.0.1]",
    "::ffff:127.0.0.1",
    "0:0:0:0:0:ffff:7f00:0001",
    "::ffff:a9fe:a9fe",
    "64:ff9b::7f00:1",
    "64:ff9b::a00:1",
    "64:ff9b:1::1",
    "::7f00:1",
    "::127.0.0.1",
    "2002:7f00:1::",
    "2002:c0a8:101::1",
    "0.0.0.0",
    "::",
    "::1",
    "2130706433",
    "0x7f.1",
    "0177.0.0.1",
    "0x7f000001",
    "127.1",
    "169.254.169.254",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "100.64.0.1",
    "100.127.255.255",
    "224.0.0.1",
    "255.255.255.255",
    "198.18.0.1",
    "192.0.2.1",
    "2001:db8::1",
    "2001::1",
    "not-an-address",
    "",
    "1.2.3.4.5",
  ];
  const external = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "2a00:1450::1",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "::ffff:8.8.8.8",
  ];

  it.each(internal)("%s is not public", (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(external)("%s is public", (address) => expect(isPrivateAddress(address)).toBe(false));
});
