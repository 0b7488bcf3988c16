import { defineNitroPlugin } from "nitropack/runtime";
import { ConfigError, useConfig } from "#lib/config/config.js";

/** Validates every setting before anything starts: a wrong value stops the start with its name, not a late crash. */
export default defineNitroPlugin(() => {
  try {
    useConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
});
