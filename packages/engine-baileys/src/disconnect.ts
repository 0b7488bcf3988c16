import type { DisconnectReason } from "@multiwa/core";

/** Baileys `connection.update` close → the core's reason; the core's runtime decides what to do. */
export function disconnectReason(error: unknown): DisconnectReason {
  const boom = error as { output?: { statusCode?: number }; message?: string } | undefined;
  const code = boom?.output?.statusCode;
  switch (code) {
    case 401: // logged out, or the device was removed on the phone
      return "logged_out";
    case 515: // after pairing, and when the server asks for a fresh login
      return "restart_required";
    case 440: // the same device connected elsewhere
      return "conflict";
    case 408:
      // Baileys uses 408 both for a lost connection and for running out of QR codes.
      return /qr/i.test(boom?.message ?? "") ? "timed_out" : "connection_lost";
    case 428: // the socket closed under us
    case 503:
    case undefined:
      return "connection_lost";
    default: // 411 multidevice mismatch, 500 bad session, 403 forbidden
      return "unknown";
  }
}
