import { mockChats, mockEngine, MockNetwork } from "../../src/engines/mock.js";
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
      async ownProfile() {
        const own = network.directory.profile(phone);
        return { name: own.name, about: own.about, hasPicture: !!own.picture };
      },
      async createPeer() {
        const p = network.phone(`62822000000${++peers}`);
        return {
          jid: p.jid,
          sendText: async (to, text) => p.send(to, { type: "text", text }).id,
          nextMessage: (timeoutMs) => p.nextMessage(undefined, timeoutMs),
          markRead: async (sender, ids) => p.read(sender, ids),
          setAbout: async (about) => void (network.directory.profile(p.number).about = about),
          setPicture: async (data) => network.directory.setPicture(p.number, { data, mimetype: "image/jpeg" }),
        };
      },
    };
  },
});
