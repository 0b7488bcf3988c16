import type { z } from "zod";

/** One REST operation: the single description used for routing checks, validation and OpenAPI. */
export interface Operation<P extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined, B extends z.ZodType | undefined = z.ZodType | undefined> {
  id: string;
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI style: `/api/profiles/{id}` */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** What the API key must grant; undefined means public, and then `public` says why. */
  permission?: string;
  /** Why an operation takes no API key, e.g. "signed by Meta" (the body's signature is the credential). */
  public?: string;
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

export function defineOperation<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  op: Operation<P, Q, B>,
): Operation<P, Q, B> {
  return op;
}
