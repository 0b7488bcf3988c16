#!/usr/bin/env node
import { parseArgs } from "node:util";
import { WhatsAppSimulator } from "./server/simulator.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: "8090" },
    host: { type: "string", default: "127.0.0.1" },
    phone: { type: "string", multiple: true, default: [] },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`multiwa-simulator [--port 8090] [--host 127.0.0.1] [--phone 15550001111 ...]

Runs a loopback WhatsApp Web server for real Baileys clients (no phone, no internet).
Admin API on the same port: GET /admin, POST /admin/phones, /admin/scan, /admin/pairing-code,
/admin/send, /admin/kick, /admin/groups, GET /admin/messages?phone=...`);
  process.exit(0);
}

const sim = await WhatsAppSimulator.start({
  port: Number(values.port),
  host: values.host,
  onError: (e) => console.error("[simulator]", e),
});
for (const phone of values.phone) sim.createPhone({ phone });
sim.on("login", (d) => console.log(`[simulator] client logged in as ${d.jid}`));
const base = `http://${values.host}:${sim.port}`;
console.log(`multiwa-simulator listening on port ${sim.port}
  Baileys:   makeWASocket({ waWebSocketUrl: "${sim.url}", fetchAgent: <https.Agent trusting the simulator cert>, auth })
             (in-process: makeWASocket({ ...sim.clientOptions(), auth }))
  Admin API: ${base}/admin
    curl -X POST ${base}/admin/phones -d '{"phone":"15550001111","name":"Me"}'
    curl -X POST ${base}/admin/scan   -d '{"phone":"15550001111","qr":"<qr from connection.update>"}'
    curl -X POST ${base}/admin/send   -d '{"from":"15550002222","to":"15550001111","text":"hi"}'
    curl "${base}/admin/messages?phone=15550002222&timeoutMs=30000"`);

const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
