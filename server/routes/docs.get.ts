import { defineEventHandler, setResponseHeader } from "h3";
import { docsPage } from "#lib/docs-page.js";

export default defineEventHandler((event) => {
  setResponseHeader(event, "content-type", "text/html; charset=utf-8");
  return docsPage;
});
