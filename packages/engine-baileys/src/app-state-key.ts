import { MultiWAError } from "@multiwa/core";
import type { WASocket } from "@whiskeysockets/baileys";

const KEY_WAIT_MS = 10_000;

/**
 * Every app-state patch (labels, chat archive/pin/mute/unread/delete/clear, star) needs the key the phone
 * shares right after linking; until it arrives rc14 throws "App state key not present!" (a 500 through the
 * gateway, seen in labels-e2e on a call made just after the link; chat actions hit the same, #20). Wait a
 * little for it, then refuse with a typed error the caller can retry.
 */
export async function appStateKey(sock: WASocket): Promise<void> {
  const deadline = Date.now() + KEY_WAIT_MS;
  while (!sock.authState.creds.myAppStateKeyId) {
    if (Date.now() > deadline)
      throw new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        "WhatsApp has not shared its app-state key with this device yet (just linked); retry in a moment",
        { scope: "baileys" },
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
