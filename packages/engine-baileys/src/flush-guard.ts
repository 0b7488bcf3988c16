import type { WASocket } from "@whiskeysockets/baileys";

export interface FlushGuard {
  /** Checks the event buffer shortly after now (call after sends). */
  schedule(): void;
  stop(): void;
}

/**
 * Works around an rc14 event-buffer race: when its debounced flush timer fires after the buffer
 * was already flushed, the stale timer handle is never cleared, so no later flush is scheduled and
 * receipts and upserts sit in the buffer until the next incoming stanza (or 30 s). We flush
 * ourselves a moment after each incoming frame or send whenever Baileys is still buffering.
 */
export function guardEventFlush(sock: WASocket, delayMs = 250): FlushGuard {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    timer = undefined;
    if (sock.ev.isBuffering()) sock.ev.flush();
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(check, delayMs);
    timer.unref?.();
  };
  sock.ws.on("frame", schedule);
  return {
    schedule,
    stop() {
      clearTimeout(timer);
      sock.ws.off("frame", schedule);
    },
  };
}
