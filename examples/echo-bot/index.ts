// Echo bot: @multiwa/core in your own process, on the Baileys engine. Replies "echo: <text>" to every
// text message. Scan the printed QR with WhatsApp (Linked devices); state is kept in ./.echo-data.
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { createMultiWA } from "@multiwa/core";
import { baileysEngine } from "@multiwa/engine-baileys";

// Point at a WhatsApp simulator instead of WhatsApp (how the test runs it).
const wsUrl = process.env.MULTIWA_BAILEYS_WS_URL;
const caFile = process.env.MULTIWA_BAILEYS_CA_FILE;
const engine = baileysEngine({
  ...(wsUrl ? { waWebSocketUrl: wsUrl } : {}),
  ...(caFile ? { fetchAgent: new Agent({ ca: readFileSync(caFile, "utf8") }) } : {}),
});

const wa = await createMultiWA({
  engines: { baileys: engine },
  dataDir: process.env.ECHO_DATA_DIR ?? ".echo-data",
  pacing: { minDelayMs: 0, jitterMs: 0 },
});
if (!(await wa.profiles.find("echo"))) await wa.profiles.create({ id: "echo", name: "Echo bot", engine: "baileys" });

wa.on("message.received", async (message) => {
  if (message.fromMe || message.content.type !== "text") return;
  console.log(`ECHO ${message.sender} ${message.content.text}`);
  await wa.messages.send(message.profileId, {
    to: message.chatId,
    content: { type: "text", text: `echo: ${message.content.text}` },
    options: { quotedId: message.id },
  });
});

await wa.sessions.start("echo");
// Ends once logged in (at once when the stored session is still valid).
for await (const qr of wa.sessions.qr("echo")) console.log(`QR ${qr}`);
console.log("READY");

const shutdown = async () => {
  await wa.close();
  process.exit(0);
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
