import { Server as HttpServer, STATUS_CODES } from "node:http";
import { Server as HttpsServer } from "node:https";
import { Server } from "node:net";
import type { Duplex } from "node:stream";
import { defineNitroPlugin } from "nitropack/runtime";

/**
 * Requests Node rejects before any handler runs (headers too large: 431; unparsable: 400) are
 * answered with the same JSON error body as everything else instead of Node's bare status line.
 * Plugins run before the node-server entry creates its server, so the listener is attached as that
 * server starts listening.
 */
export default defineNitroPlugin(() => {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function patchedListen(this: Server, ...args: unknown[]) {
    const http = this instanceof HttpServer || this instanceof HttpsServer;
    if (http && !this.listeners("clientError").includes(answerClientError)) this.on("clientError", answerClientError);
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof Server.prototype.listen;
});

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(
    tooLarge
      ? { code: "HEADERS_TOO_LARGE", message: "The request headers are too large" }
      : { code: "BAD_REQUEST", message: "The request could not be parsed as HTTP" },
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
