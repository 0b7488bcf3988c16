import { createStorage, type Storage } from "unstorage";
import { MockNetwork } from "../../src/engines/mock.js";
import type { MultiWAOptions } from "../../src/multiwa.js";
import { mockGateway } from "../helpers/mock.js";

export const ME = "628100000001";
export const PEER = "628155500001";
export const ME_JID = `${ME}@s.whatsapp.net`;
export const PEER_JID = `${PEER}@s.whatsapp.net`;

/** A gateway with profile "p1" (workspace "acme") open as ME; pass the same storage and network to "restart" it. */
export async function automationGateway(
  options: Partial<MultiWAOptions> & { storage?: Storage; network?: MockNetwork } = {},
) {
  const storage = options.storage ?? createStorage();
  const network = options.network ?? new MockNetwork();
  const g = await mockGateway({ ...options, storage, network, phone: ME });
  if (!(await g.wa.profiles.find("p1"))) {
    await g.wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme" });
    await g.wa.sessions.start("p1");
  }
  await waitOpen(g.wa.sessions);
  return {
    ...g,
    storage,
    network,
    peer: network.phone(PEER),
    say: (text: string) => network.phone(PEER).send(ME_JID, { type: "text", text }),
  };
}

async function waitOpen(wa: { status(id: string): Promise<{ status: string }> }): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await wa.status("p1")).status === "open") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("profile p1 did not open");
}

export const texts = (messages: readonly { content: { type: string; text?: string } }[]) =>
  messages.map((m) => (m.content.type === "text" ? m.content.text : `[${m.content.type}]`));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
