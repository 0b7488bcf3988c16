// A webhook receiver that accepts only deliveries signed by your MultiWA gateway.
// Create the webhook (POST /api/webhooks) and start this with the secret it returned:
//   WEBHOOK_SECRET=… PORT=4000 npx -y pnpm@10 start
import { createServer } from "node:http";
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from "@multiwa/sdk";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error("Set WEBHOOK_SECRET to the secret returned when the webhook was created");
  process.exit(2);
}
const seen = new Set<string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    // Verify the exact bytes received: re-serialised JSON would not match the signature.
    const body = Buffer.concat(chunks).toString("utf8");
    if (!(await verifyWebhookSignature(req.headers[SIGNATURE_HEADER] as string | undefined, body, secret))) {
      console.log("REJECTED unsigned or forged request");
      return void res.writeHead(401).end();
    }
    // Retries carry the same delivery id: handle each once.
    const delivery = String(req.headers[DELIVERY_HEADER] ?? "");
    if (!seen.has(delivery)) {
      seen.add(delivery);
      const { event, profileId, data } = JSON.parse(body) as { event: string; profileId?: string; data: unknown };
      console.log(`EVENT ${event} ${profileId ?? "-"} ${JSON.stringify(data)}`);
    }
    res.writeHead(204).end();
  });
});

server.listen(Number(process.env.PORT ?? 4000), "127.0.0.1", () =>
  console.log(`LISTENING ${(server.address() as { port: number }).port}`),
);
process.once("SIGTERM", () => server.close(() => process.exit(0)));
