// Baseline: the smallest h3 app doing what a send endpoint must at least do (parse JSON, answer JSON).
import { createServer } from "node:http";
import { createApp, defineEventHandler, readBody, setResponseStatus, toNodeListener } from "h3";

const app = createApp();
app.use(
  "/send",
  defineEventHandler(async (event) => {
    const body = await readBody(event);
    setResponseStatus(event, 202);
    return { id: "3EB0BASELINE", to: body.to, status: "queued" };
  }),
);
const server = createServer(toNodeListener(app)).listen(Number(process.env.PORT), "127.0.0.1", () =>
  console.log("READY"),
);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
