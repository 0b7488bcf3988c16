import type { EngineEventName, EngineEvents, EngineSession } from "@multiwa/core";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createStorage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baileysEngine } from "../src/index.js";

// #20: a chat action made right after linking, before the phone shared its app-state key, failed with
// rc14's "App state key not present!" (a 500 through the gateway); labels already waited for the key,
// chat actions and star did not. The simulated phone shares its key 2 s after the login here.
describe("baileys chat actions right after linking", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let session: EngineSession;
  let opened: () => void;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me", appStateKeyDelayMs: 2_000 });
    alice = sim.createPhone({ name: "Alice" });
    const engine = baileysEngine(sim.clientOptions());
    const storage = createStorage();
    const open = () => {
      session = engine.createSession({
        profileId: "fresh",
        storage,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        emit: <K extends EngineEventName>(event: K, payload: EngineEvents[K]) => {
          if (event === "qr") void me.scanQr((payload as { qr: string }).qr);
          const update = payload as EngineEvents["connection.update"];
          if (event === "connection.update" && update.state === "close" && update.reason === "restart_required")
            void open();
          if (event === "connection.update" && update.state === "open") opened();
        },
      });
      return session.connect();
    };
    const open$ = new Promise<void>((r) => (opened = r));
    await open();
    await open$;
  }, 60_000);

  afterAll(async () => {
    await session?.disconnect();
    await sim?.close();
  });

  it("archives, pins and stars at once after the link: each waits for the key instead of failing", async () => {
    const companion = () => me.companions.values().next().value;
    expect(companion()?.appStateShared).toBe(false);
    await session.archiveChat!(alice.jid, true);
    await session.pinChat!(alice.jid, true);
    await session.starMessage!(alice.jid, { id: "EARLY", fromMe: false }, true);
    expect(me.chatSettings(alice)).toMatchObject({ archived: true, pinned: true });
    expect(me.appState.value(["star", alice.jid, "EARLY", "0", "0"])?.starAction?.starred).toBe(true);
  });
});
