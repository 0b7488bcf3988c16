import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.listEngines, ({ wa }) => wa.capabilities());
