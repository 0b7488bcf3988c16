import { z } from "zod";
import { resourceId } from "@multiwa/core";

export const WorkspaceQuery = z.object({ workspaceId: resourceId("workspace").optional().describe("For gateway-wide keys; a workspace key always acts in its own workspace") });

/** Multipart upload → the JSON body shape: the file part becomes `field` as text. */
export function fileAsText(field: string) {
  return (form: Record<string, unknown>): Record<string, unknown> => {
    const { media, mimetype: _m, fileName: _f, ...rest } = form as { media?: { base64: string }; mimetype?: string; fileName?: string };
    return media ? { ...rest, [field]: Buffer.from(media.base64, "base64").toString("utf8") } : rest;
  };
}
