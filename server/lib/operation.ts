import type { z } from "zod";

/** One REST operation: the single description used for routing checks, validation and OpenAPI. */
export interface Operation<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  id: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI style: `/api/profiles/{id}` */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** What the caller must hold (`authenticated`: any logged-in caller); omit only with `public`. */
  permission?: string;
  /** Why the operation needs no credential (logging in, health); required when `permission` is absent. */
  public?: string;
  /**
   * `workspace`: acts in one workspace; the caller's own, else the `workspaceId` it names, else "default".
   * The pipeline authorizes it and hands it to the handler as `workspace`.
   */
  actsIn?: "workspace";
  params?: P;
  query?: Q;
  body?: B;
  /** Extra body media types accepted besides JSON (e.g. multipart uploads). */
  bodyTypes?: string[];
  response?: z.ZodType;
  /** Non-JSON responses, e.g. `image/png` or `text/event-stream`. */
  produces?: string;
  status?: number;
}

export function defineOperation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}
