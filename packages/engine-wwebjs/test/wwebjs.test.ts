import { testEngine } from "@multiwa/core/testing";
import { fakeHarness } from "./harness.js";

testEngine({
  name: "wwebjs on a fake whatsapp-web.js client",
  setup: async () => fakeHarness("628111000001", "conformance"),
  skip: [
    // whatsapp-web.js chooses message ids itself, so the peer sees WhatsApp's id, not the core's.
    // The adapter keeps the core's id as an alias (receipts carry both; reply/react/edit/delete
    // accept both) and the test peer translates ids back, so the other steps still check routing.
    "sends text, and the peer receives it under the same id",
    // WhatsApp Web handles stream restarts (515) inside the page; whatsapp-web.js never reports one.
    "reconnects by itself after restart_required",
  ],
});
