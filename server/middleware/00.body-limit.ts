import { defineEventHandler } from "h3";
import { capRequestBody } from "#lib/body.js";

/** Every request body is read through a size cap (see lib/body.ts); routes that take media raise it. */
export default defineEventHandler((event) => {
  capRequestBody(event);
});
