import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { SIMULATOR_TLS_CERT, SIMULATOR_TLS_KEY } from "./tls.js";

export interface ListenerHandlers {
  request(req: IncomingMessage, res: ServerResponse): void;
  websocket(ws: WebSocket): void;
}

/**
 * One TCP port for everything: plain HTTP + WebSocket (clients connect with ws://) and
 * HTTPS (Baileys uploads media to https://host/mms/...). The first byte tells them apart:
 * 0x16 starts a TLS ClientHello.
 */
export const listen = async (port: number, host: string, handlers: ListenerHandlers): Promise<Server> => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    wss.handleUpgrade(req, socket, head, (ws) => handlers.websocket(ws));
  const http = createHttpServer(handlers.request).on("upgrade", upgrade);
  const https = createHttpsServer({ cert: SIMULATOR_TLS_CERT, key: SIMULATOR_TLS_KEY }, handlers.request).on(
    "upgrade",
    upgrade,
  );
  http.keepAliveTimeout = https.keepAliveTimeout = 1_000;

  const server = createNetServer((socket: Socket) => {
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? https : http).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
    socket.on("error", () => socket.destroy());
  });
  server.on("close", () => {
    wss.close();
    http.close();
    https.close();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
};
