import type { Gateway } from "./gateway.js";

/**
 * The phones on the other side of a test: how a profile's QR gets scanned, how a phone writes to
 * the profile and what it received. The mock engine's demo routes play them today; a Baileys
 * variant adds one more entry that drives @multiwa/simulator instead.
 */
export interface PhoneNetwork {
  /** Engine the test profile is created with. */
  engine: string;
  /** Extra gateway environment (engines to load, simulator address…). */
  env: Record<string, string>;
  scan(gateway: Gateway, qr: string, phone: string): Promise<void>;
  send(gateway: Gateway, from: string, to: string, text: string): Promise<void>;
  inbox(gateway: Gateway, phone: string): Promise<{ id: string; content?: { type: string; text?: string } }[]>;
}

export const mockNetwork: PhoneNetwork = {
  engine: "mock",
  env: { MULTIWA_ENGINES: "mock" },
  async scan(gateway, qr, phone) {
    await gateway.api("/api/mock/scan", { json: { qr, phone } });
  },
  async send(gateway, from, to, text) {
    await gateway.api(`/api/mock/phones/${from}/messages`, { json: { to, text } });
  },
  inbox: (gateway, phone) => gateway.api(`/api/mock/phones/${phone}/messages`),
};
