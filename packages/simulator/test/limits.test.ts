import { proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

/**
 * The id of the next message WhatsApp refused with 463. Baileys reports it as a `messages.update` to ERROR, or,
 * when the ack lands while the echo of the send is still buffered, folded into that `messages.upsert`.
 */
const refusal = (client: LinkedClient): Promise<string> =>
  new Promise((resolve, reject) => {
    const refused = (m: {
      key: { id?: string | null };
      messageStubParameters?: string[] | null;
      status?: number | null;
    }) => m.status === proto.WebMessageInfo.Status.ERROR && m.messageStubParameters?.[0] === "463";
    const onUpdate = (
      u: { key: { id?: string | null }; update: { messageStubParameters?: string[] | null; status?: number | null } }[],
    ) => u.forEach((x) => refused({ key: x.key, ...x.update }) && done(x.key.id!));
    const onUpsert = ({ messages }: { messages: Parameters<typeof refused>[0][] }) =>
      messages.forEach((m) => refused(m) && done(m.key.id!));
    const timer = setTimeout(() => reject(new Error("no 463 refusal")), 10_000);
    const done = (id: string) => {
      clearTimeout(timer);
      client.sock.ev.off("messages.update", onUpdate);
      client.sock.ev.off("messages.upsert", onUpsert);
      resolve(id);
    };
    client.sock.ev.on("messages.update", onUpdate);
    client.sock.ev.on("messages.upsert", onUpsert);
  });

// Issue #21: WhatsApp's limits on new chats, triggered per phone, seen by real Baileys rc14 the way WhatsApp
// shows them — a 463 in the message ack, the mex query for the timelock, and mex notifications.
describe("reach-out timelock and new-chat capping", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let stranger: SimPhone;
  let friend: SimPhone;
  let client: LinkedClient;
  let base: string;
  const admin = async (body: unknown) =>
    (await fetch(`${base}/admin/limits`, { method: "POST", body: JSON.stringify(body) })).json();

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start({ onError: (e) => console.error("[sim]", e) });
    base = `http://127.0.0.1:${sim.port}`;
    me = sim.createPhone({ name: "Me" });
    stranger = sim.createPhone({ name: "Stranger" });
    friend = sim.createPhone({ name: "Friend" });
    client = await linkClient(sim, me);
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  it("refuses a new chat with a 463 ack while established chats still go through", async () => {
    await friend.sendText(me.jid, "hi, we know each other");
    const until = Date.now() + 60_000;
    expect(await admin({ phone: me.pn, timelockUntil: until, notify: false })).toEqual({
      timelock: { until, enforcementType: undefined },
    });
    const failed = refusal(client);
    const sent = await client.sock.sendMessage(stranger.jid, { text: "cold outreach" });
    expect(await failed).toBe(sent!.key.id);
    await client.sock.sendMessage(friend.jid, { text: "still fine" });
    const got = await friend.nextMessage();
    expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("still fine");
    expect(stranger.inbox.all).toHaveLength(0);
    expect(sim.limits.refused.get(me.pn)).toBe(1);

    // Baileys' query for the account's standing answers with the window WhatsApp enforces.
    const lock = await client.sock.fetchAccountReachoutTimelock();
    expect(lock.isActive).toBe(true);
    expect(lock.timeEnforcementEnds?.getTime()).toBe(Math.floor(until / 1000) * 1000);
  });

  it("announces a timelock and its end as mex notifications; new chats open again after", async () => {
    const set = waitForEvent(client.sock, "connection.update", (u) => !!u.reachoutTimeLock?.isActive);
    await admin({ phone: me.pn, timelockUntil: Date.now() + 120_000, enforcementType: "BIZ_QUALITY" });
    expect((await set).reachoutTimeLock?.enforcementType).toBe("BIZ_QUALITY");
    const lifted = waitForEvent(client.sock, "connection.update", (u) => u.reachoutTimeLock?.isActive === false);
    await admin({ phone: me.pn, timelockUntil: null });
    await lifted;
    expect((await client.sock.fetchAccountReachoutTimelock()).isActive).toBe(false);
    await client.sock.sendMessage(stranger.jid, { text: "now allowed" });
    expect((await stranger.nextMessage()).message.extendedTextMessage?.text).toBe("now allowed");
  });

  it("caps new chats: a capping notification, the capping query, and a 463 for the next new chat", async () => {
    const newcomer = sim.createPhone({ name: "Newcomer" });
    const cycleEnd = Date.now() + 3_600_000;
    const capped = waitForEvent(client.sock, "message-capping.update", (u) => u.capping_status === "CAPPED");
    await admin({ phone: me.pn, cappedUntil: cycleEnd, quota: 10 });
    const cap = await capped;
    expect([cap.total_quota, cap.used_quota, cap.cycle_end_timestamp]).toEqual([
      10,
      10,
      String(Math.floor(cycleEnd / 1000)),
    ]);
    expect(await client.sock.fetchNewChatMessageCap()).toMatchObject({ capping_status: "CAPPED", used_quota: 10 });
    const failed = refusal(client);
    const sent = await client.sock.sendMessage(newcomer.jid, { text: "over the cap" });
    expect(await failed).toBe(sent!.key.id);
    expect(newcomer.inbox.all).toHaveLength(0);
    const state = (await (await fetch(`${base}/admin/limits?phone=${me.pn}`)).json()) as { refused: number };
    expect(state.refused).toBe(2);
  });

  it("rejects a bad control call with 400", async () => {
    const res = await fetch(`${base}/admin/limits`, {
      method: "POST",
      body: JSON.stringify({ phone: me.pn, timelockUntil: "soon" }),
    });
    expect(res.status).toBe(400);
  });
});
