import { defineEventHandler } from "h3";
import { buildOpenApi } from "#lib/openapi.js";

let cached: ReturnType<typeof buildOpenApi> | undefined;

export default defineEventHandler(() => (cached ??= buildOpenApi()));
