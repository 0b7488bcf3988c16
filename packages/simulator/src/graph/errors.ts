import { randomBytes } from "node:crypto";

/** The body Graph API errors have: `{ error: { message, type, code, error_subcode?, error_data?, fbtrace_id } }`. */
export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: "whatsapp"; details: string };
    fbtrace_id: string;
  };
}

/** A refusal the simulator answers with: HTTP status plus Meta's error body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly type = "OAuthException",
    readonly details?: string,
    readonly subcode?: number,
  ) {
    super(message);
  }

  toBody(): GraphErrorBody {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        ...(this.subcode ? { error_subcode: this.subcode } : {}),
        ...(this.details ? { error_data: { messaging_product: "whatsapp", details: this.details } } : {}),
        fbtrace_id: randomBytes(9).toString("base64url"),
      },
    };
  }
}

/** Meta's titles for the codes the simulator produces, shared by API errors and failed statuses. */
export const ERROR_TITLES: Record<number, string> = {
  100: "Invalid parameter",
  190: "Invalid OAuth access token",
  131008: "Required parameter is missing",
  131009: "Parameter value is not valid",
  131026: "Message undeliverable",
  131047: "Re-engagement message",
  131049: "This message was not delivered to maintain healthy ecosystem engagement.",
  131051: "Unsupported message type",
  131052: "Media download error",
  131053: "Media upload error",
  131056: "(Business Account, Consumer Account) pair rate limit hit",
  130429: "Rate limit hit",
  132000: "Number of parameters does not match the expected number of params",
  132001: "Template name does not exist in the translation",
  132015: "Template is paused",
};

export const invalidParameter = (details: string, code = 100): GraphError =>
  new GraphError(400, code, `(#${code}) ${ERROR_TITLES[code] ?? "Invalid parameter"}`, "OAuthException", details);

/** Errors a test can make the next sends fail with, as Meta answers them. */
export function injectedError(code: number): GraphError {
  const title = ERROR_TITLES[code] ?? `Error ${code}`;
  if (code === 130429)
    return new GraphError(
      400,
      code,
      `(#${code}) ${title}`,
      "OAuthException",
      "Cloud API message throughput has been reached.",
    );
  if (code === 131056)
    return new GraphError(
      400,
      code,
      `(#${code}) ${title}`,
      "OAuthException",
      "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
    );
  return new GraphError(400, code, `(#${code}) ${title}`, "OAuthException", title);
}
