import { createServer, connect, type Server, type Socket } from "node:net";

/** The real brokers the transport tests publish to (the local servers that `.ci/run` starts). */
export const TEST_AMQP_URL = process.env.MULTIWA_TEST_AMQP ?? "amqp://guest:guest@127.0.0.1:5672";
export const TEST_NATS_URL = process.env.MULTIWA_TEST_NATS ?? "nats://127.0.0.1:4222";
export const TEST_REDIS_URL = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";

/**
 * A TCP relay in front of a real broker, so a test can take "the broker" down and bring it back on the
 * same address (and break live connections), and count the connections the gateway opens.
 */
export async function brokerRelay(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let accepted = 0;
  let hanging = false;
  let server: Server | undefined;
  let listenPort = 0;
  const up = async () => {
    server = createServer((client) => {
      accepted++;
      if (hanging) {
        // A broker that accepts the connection and never answers (stuck, or a black hole in between).
        sockets.add(client);
        client.on("close", () => sockets.delete(client)).on("error", () => undefined);
        return;
      }
      const upstream = connect({ host: hostname, port: Number(port) });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s)).on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server!.listen(listenPort, "127.0.0.1", resolve));
    listenPort = (server.address() as { port: number }).port;
  };
  await up();
  return {
    /** The broker URL with the relay's address (credentials and path kept). */
    url(of = target) {
      const url = new URL(of);
      url.host = `127.0.0.1:${listenPort}`;
      return url.toString();
    },
    /** Connections accepted so far. */
    get accepted() {
      return accepted;
    },
    /** Relayed connections open now (each is a client socket and its upstream pair). */
    get open() {
      return Math.ceil(sockets.size / 2);
    },
    /** "The broker is down": refuses new connections and drops the live ones. */
    async down() {
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closing;
    },
    up,
    /** Accepted connections get no answer from now on (`false`: relayed again). */
    hang(on = true) {
      hanging = on;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}
