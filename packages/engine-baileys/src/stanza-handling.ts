import type { WASocket } from "@whiskeysockets/baileys";

/** The incoming stanzas Baileys handles asynchronously, each in one listener of its socket. */
const HANDLED = ["CB:message", "CB:notification", "CB:receipt", "CB:call"] as const;

export interface StanzaHandling {
  /** Resolves once no stanza is being handled, or after `maxMs`. */
  idle(maxMs: number): Promise<void>;
}

/**
 * Tracks the stanzas Baileys is handling. It handles a message in steps: decrypt (which stores the
 * advanced Signal session), receipt, then processing (e.g. storing the app-state key the phone shares
 * once, right after linking). A socket ended in between loses the message for good: WhatsApp delivers
 * it again, but that copy no longer decrypts, and Baileys drops an undecryptable message from our own
 * phone without asking for it again. So a deliberate stop waits for `idle()` before ending the socket.
 * Baileys registers one listener per kind; each returns its handling promise, which the emitter drops: we keep it.
 */
export function trackStanzaHandling(sock: WASocket): StanzaHandling {
  const handling = new Set<Promise<unknown>>();
  for (const event of HANDLED) {
    for (const listener of sock.ws.listeners(event) as ((...args: unknown[]) => unknown)[]) {
      sock.ws.off(event, listener);
      sock.ws.on(event, (...args: unknown[]) => {
        const pending = Promise.resolve(listener(...args)).then(
          () => void handling.delete(pending),
          () => void handling.delete(pending),
        );
        handling.add(pending);
      });
    }
  }
  return {
    async idle(maxMs) {
      const deadline = Date.now() + maxMs;
      // Stanzas that arrive while we wait are waited for too.
      while (handling.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(handling),
          new Promise((resolve) => (timer = setTimeout(resolve, left))),
        ]).finally(() => clearTimeout(timer));
      }
    },
  };
}
