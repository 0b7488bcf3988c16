import { defineApiHandler } from "../../../lib/handler.js";
import { campaigns } from "../../../lib/ops/index.js";
import { fileAsText, workspaceFor } from "../../../lib/workspace.js";

const withCsv = fileAsText("csv");

export default defineApiHandler(
  campaigns.createCampaign,
  async ({ wa, principal, query, body }) => wa.campaigns.create(await workspaceFor(wa, principal, query.workspaceId), body),
  // Multipart: JSON fields as in the body, the uploaded file is the audience CSV.
  { multipart: (form) => ((f) => (f.csv ? { ...f, audience: { ...(f.audience as object), csv: f.csv }, csv: undefined } : f))(withCsv(form)) },
);
