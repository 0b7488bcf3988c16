import { DisconnectReason } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeCode,
  linkClient,
  waitForEvent,
  WhatsAppSimulator,
  type LinkedClient,
  type SimPhone,
} from "../src/index.js";

describe("server-injected disconnects", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let peer: SimPhone;
  let client: LinkedClient;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone();
    peer = sim.createPhone({ receipts: "none" });
    client = await linkClient(sim, me);
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  const roundTrip = async (text: string) => {
    const sent = await client.sock.sendMessage(peer.jid, { text });
    expect((await peer.nextMessage({ filter: (m) => m.id === sent!.key.id })).message.extendedTextMessage?.text).toBe(
      text,
    );
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === `echo ${text}`),
    );
    await peer.sendText(me, `echo ${text}`);
    await upsert;
  };

  it("515 restart: the client reconnects with the same creds and keeps its sessions", async () => {
    await roundTrip("before restart");
    const closed = waitForEvent(client.sock, "connection.update", (u) => u.connection === "close");
    me.kick([...me.companions.keys()][0]!, "restart");
    expect(closeCode(await closed)).toBe(DisconnectReason.restartRequired);
    await client.reconnect();
    await roundTrip("after restart");
  });

  it("messages sent while the client is offline are delivered on the next login", async () => {
    client.sock.end(undefined);
    const queued = await peer.sendText(me, "while you were away");
    const sock = client.open();
    const upsert = waitForEvent(sock, "messages.upsert", (u) => u.messages.some((m) => m.key.id === queued.id));
    await waitForEvent(sock, "connection.update", (u) => u.connection === "open");
    const { messages } = await upsert;
    expect(messages.find((m) => m.key.id === queued.id)?.message?.conversation).toBe("while you were away");
  });

  it("440 conflict: stream:error conflict/replaced closes with connectionReplaced", async () => {
    const device = [...me.companions.keys()][0]!;
    const closed = waitForEvent(client.sock, "connection.update", (u) => u.connection === "close");
    me.kick(device, "conflict");
    expect(closeCode(await closed)).toBe(DisconnectReason.connectionReplaced);
    await client.reconnect();
    await roundTrip("after conflict");
  });

  it("a second login for the same device replaces the first (440 on the old socket)", async () => {
    const old = client.sock;
    const closed = waitForEvent(old, "connection.update", (u) => u.connection === "close");
    await client.reconnect();
    expect(closeCode(await closed)).toBe(DisconnectReason.connectionReplaced);
    await roundTrip("on the new socket");
  });

  it("401 logout: the device is unlinked and its next login fails with 401", async () => {
    const device = [...me.companions.keys()][0]!;
    const closed = waitForEvent(client.sock, "connection.update", (u) => u.connection === "close");
    me.kick(device, "logout");
    expect(closeCode(await closed)).toBe(DisconnectReason.loggedOut);
    const sock = client.open();
    const refused = await waitForEvent(sock, "connection.update", (u) => u.connection === "close");
    expect(closeCode(refused)).toBe(DisconnectReason.loggedOut);
  });
});

describe("client-initiated logout", () => {
  it("sock.logout() unlinks the device on the server", async () => {
    const sim = await WhatsAppSimulator.start();
    const me = sim.createPhone();
    const client = await linkClient(sim, me);
    const device = [...me.companions.values()][0]!;
    const closed = waitForEvent(client.sock, "connection.update", (u) => u.connection === "close");
    await client.sock.logout();
    expect(closeCode(await closed)).toBe(DisconnectReason.loggedOut);
    expect(device.removed).toBe(true);
    const again = client.open();
    expect(closeCode(await waitForEvent(again, "connection.update", (u) => u.connection === "close"))).toBe(
      DisconnectReason.loggedOut,
    );
    await sim.close();
  });
});
