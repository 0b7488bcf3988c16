import { mockChats, mockEngine, mockLabels, MockNetwork } from "../../src/engines/mock.js";
import { testEngine } from "../../src/testing/index.js";

testEngine({
  name: "mock",
  async setup() {
    const network = new MockNetwork();
    const engine = mockEngine({ network });
    const phone = "628111000001";
    let peers = 0;
    return {
      engine,
      phone,
      scanQr: async (qr) => network.scanQr(qr, phone),
      enterPairingCode: async (code) => network.enterPairingCode(code),
      disconnect: async (reason) => network.kick(phone, reason),
      phoneChat: {
        change: async (chatId, action) => mockChats(network, phone).change(chatId, action),
        async settings(chatId) {
          const { mutedUntil, ...rest } = mockChats(network, phone).settings(chatId);
          return { ...rest, ...(mutedUntil !== null ? { mutedUntil } : {}) };
        },
      },
      // Labels (#21): the account's labels as its phone holds them; the phone changes them too.
      phoneLabels: {
        labels: async () => mockLabels(network, phone).labels(),
        chatLabels: async (chatId) => mockLabels(network, phone).chatLabels(chatId),
        save: async (label) => mockLabels(network, phone).save(label),
        labelChat: async (chatId, labelId, labeled) =>
          mockLabels(network, phone).associate({ labelId, chatId, labeled }),
      },
      async ownProfile() {
        const own = network.directory.profile(phone);
        return { name: own.name, about: own.about, hasPicture: !!own.picture };
      },
      async createPeer() {
        const p = network.phone(`62822000000${++peers}`);
        const taken = new Set<string>();
        return {
          jid: p.jid,
          sendText: async (to, text) => p.send(to, { type: "text", text }).id,
          nextMessage: (timeoutMs) => p.nextMessage(undefined, timeoutMs),
          markRead: async (sender, ids) => p.read(sender, ids),
          setAbout: async (about) => void (network.directory.profile(p.number).about = about),
          setPicture: async (data) => network.directory.setPicture(p.number, { data, mimetype: "image/jpeg" }),
          setBusiness: async (business) =>
            void (network.directory.profile(p.number).business = { ...business, websites: [] }),
          // Statuses (#21): what the network delivered to this phone, oldest first, taken once each.
          async nextStatus(timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
              const next = network.statuses.receivedBy(p.number).find((s) => !taken.has(`${s.id}:${s.deleted}`));
              if (next) {
                taken.add(`${next.id}:${next.deleted}`);
                return next.deleted ? { id: next.id, content: next.content, deletes: next.id } : next;
              }
              if (Date.now() > deadline) throw new Error(`no status reached ${p.number}`);
              await new Promise((r) => setTimeout(r, 20));
            }
          },
          postStatus: async (text, to, style) => p.postStatus(text, [to], style),
          viewStatus: async (id) => p.viewStatus(id),
          deleteStatus: async (id) => p.deleteStatus(id),
          // Channels (#21): the peer owns one on the mock network.
          ownChannel: async (name) => p.createChannel(name),
          postToChannel: async (id, text) => p.postToChannel(id, text),
          reactInChannel: async (id, serverId, emoji) => p.reactInChannel(id, serverId, emoji),
          channelPosts: async (id) => network.channels.messages(id, { count: 100 }).map((m) => m.content),
          async ownGroup(subject) {
            const { id } = network.groups.create(p.number, subject, []);
            return { id, invite: network.groups.inviteCode(id) };
          },
          askToJoin: async (_groupId, invite) => void network.groups.join(invite, p.number),
          async call(options) {
            const callId = p.call(`${phone}@s.whatsapp.net`, options);
            return { callId, rejected: () => network.calls.state(callId) === "rejected" };
          },
        };
      },
    };
  },
});
