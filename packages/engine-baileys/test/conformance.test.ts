import { testEngine } from "@multiwa/core/testing";
import { simulatorHarness } from "./harness/simulator.js";

// The shared engine suite, driving the real Baileys client through createMultiWA against the
// WhatsApp Web simulator.
testEngine({ name: "baileys", setup: simulatorHarness });
