import { testEngine } from "@multiwa/core/testing";
import { graphHarness } from "./harness/graph.js";

// The shared engine suite, driving the Cloud API engine through createMultiWA against the Graph API
// simulator; inbound messages and statuses arrive as signed webhooks. Steps needing a capability the
// platform lacks (QR, polls, edits, deletes, presence, groups, logout) skip themselves.
testEngine({ name: "cloud-api", setup: () => graphHarness() });
