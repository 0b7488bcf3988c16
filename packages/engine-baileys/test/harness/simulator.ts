import type { ChatAction } from "@multiwa/core";
import type { EngineHarness } from "@multiwa/core/testing";
import { WhatsAppSimulator, type PhoneChatAction, type SimPhone } from "@multiwa/simulator";
import { baileysEngine } from "../../src/index.js";
import { tapEngine } from "./engine-tap.js";
import { simPeer } from "./sim-peer.js";

const KICKS = { restart_required: "restart", conflict: "conflict", logged_out: "logout" } as const;

/** Kicks every client device linked to `phone`, the way WhatsApp's server would. */
export function kickAll(
  phone: SimPhone,
  reason: "restart_required" | "connection_lost" | "conflict" | "logged_out",
): void {
  for (const companion of phone.companions.values()) {
    // No stream error for a network loss: the TCP connection just dies.
    if (reason === "connection_lost") companion.conn?.terminate();
    else if (companion.conn) phone.kick(companion.device, KICKS[reason]);
  }
}

/** A MultiWA chat action in the simulated phone's words. */
const phoneAction = (a: ChatAction): PhoneChatAction =>
  a.type === "archive"
    ? { archive: a.archived }
    : a.type === "pin"
      ? { pin: a.pinned }
      : a.type === "mute"
        ? { mute: a.until }
        : a.type === "markUnread"
          ? { markRead: !a.unread }
          : a.type === "delete"
            ? { delete: true }
            : { clear: true };

/** A simulator, the account under test and the engine pointed at it. */
export async function simulatorHarness(): Promise<EngineHarness & { sim: WhatsAppSimulator; me: SimPhone }> {
  const sim = await WhatsAppSimulator.start();
  const me = sim.createPhone({ name: "Conformance" });
  // History sync (#21): 2 chats × 30 messages over 30 days; the profile keeps 10 days (the newest 10 of each).
  const history = me.setHistory({ chats: 2, messagesPerChat: 30, spanDays: 30 });
  const chat = history.chats[1]!;
  const imported = chat.messages.filter((m) => m.timestamp >= Date.now() - 10 * 86_400_000).length;
  const { engine, waitFor } = tapEngine(baileysEngine(sim.clientOptions()));
  return {
    sim,
    me,
    engine,
    phone: me.pn,
    scanQr: async (qr) => void (await me.scanQr(qr)),
    enterPairingCode: async (code) => void (await me.enterPairingCode(code)),
    disconnect: async (reason) => kickAll(me, reason),
    history: { settings: { historyDays: 10 }, chatId: chat.jid, imported },
    phoneChat: {
      change: async (chatId, action) => void me.changeChat(chatId, phoneAction(action)),
      async settings(chatId) {
        const { markedUnread, ...rest } = me.chatSettings(chatId);
        return { ...rest, unread: markedUnread };
      },
    },
    // Labels (#21): the phone's app state, and the phone writing label patches itself.
    phoneLabels: {
      labels: async () =>
        me
          .labels()
          .map(({ predefinedId, ...l }) => ({ ...l, ...(predefinedId ? { predefinedId: String(predefinedId) } : {}) })),
      chatLabels: async (chatId) => me.chatLabels(chatId),
      save: async ({ predefinedId, ...label }) =>
        void me.saveLabel({ ...label, ...(predefinedId ? { predefinedId: Number(predefinedId) } : {}) }),
      labelChat: async (chatId, labelId, labeled) => void me.labelChat(chatId, labelId, labeled),
    },
    ownProfile: async () => ({ name: me.name, about: me.profile.about, hasPicture: !!me.profile.picture }),
    async createPeer() {
      // No automatic receipts: the peer confirms delivery as it takes each message and waits for
      // the engine to report it; read receipts come from the suite's explicit `markRead`.
      const peer = sim.createPhone({ name: "Peer", receipts: "none" });
      return simPeer(
        peer,
        {
          call: (video) => sim.calls.offer(peer, me, { video }),
          groups: {
            async ownGroup(subject) {
              const group = sim.groups.create(peer, subject, []);
              return { id: group.jid, invite: group.inviteCode };
            },
            askToJoin: async (groupId) => sim.groups.requestJoin(sim.groups.get(groupId)!, peer),
          },
          async deliver(m) {
            const reported = waitFor("message.delivered", (e) => e.ids.includes(m.id), 5_000);
            peer.sendReceipt(
              m.chat.endsWith("@g.us") ? m.chat : me.jid,
              [m.id],
              "delivery",
              m.chat.endsWith("@g.us") ? me.jid : undefined,
            );
            await reported;
          },
        },
        (jid) => sim.phone(jid),
      );
    },
    close: () => sim.close(),
  };
}
