import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";
import { fileAsText } from "#lib/workspace.js";

const withCsv = fileAsText("csv");

export default defineApiHandler(
  campaigns.createCampaign,
  async ({ wa, body, workspaceId }) => wa.campaigns.create(workspaceId, body),
  // Multipart: JSON fields as in the body, the uploaded file is the audience CSV.
  {
    multipart: (form) =>
      ((f) => (f.csv ? { ...f, audience: { ...(f.audience as object), csv: f.csv }, csv: undefined } : f))(
        withCsv(form),
      ),
  },
);
