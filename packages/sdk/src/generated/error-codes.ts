// Generated from server/lib/error-codes.ts by `npx -y pnpm@10 --filter @multiwa/sdk generate`. Do not edit: a test fails when it drifts.

/** Every code a gateway error body carries, with the HTTP status it comes with. */
export const API_ERROR_STATUS = {
  /** The input does not match its schema; `field` and `details.issues` name what is wrong. */
  VALIDATION_FAILED: 422,
  /** An id that cannot name a stored record: path segments, control characters, too long. */
  INVALID_ID: 400,
  /** A phone number or WhatsApp id (JID/LID) that cannot be read. */
  INVALID_JID: 422,
  /** No profile has this id (in the caller's workspace). */
  PROFILE_NOT_FOUND: 404,
  /** A profile with this id already exists. */
  PROFILE_EXISTS: 409,
  /** A record with this id or unique value already exists; `field` names it. */
  ALREADY_EXISTS: 409,
  /** No credential, or an unknown, revoked or expired one. */
  UNAUTHENTICATED: 401,
  /** The credential is valid but lacks the permission, or the resource is in another tenant. */
  FORBIDDEN: 403,
  /** No loaded engine has this name. */
  ENGINE_NOT_FOUND: 422,
  /** The profile's session is not open; start it (or wait for it to reconnect) and retry. */
  ENGINE_NOT_CONNECTED: 409,
  /** The profile's engine cannot do this; `details.capability` names what is missing. */
  CAPABILITY_UNSUPPORTED: 422,
  /** WhatsApp logged the session out; link the device again. */
  SESSION_LOGGED_OUT: 409,
  /** Another node runs this profile and did not answer in time; retry. */
  SESSION_NOT_OWNED: 503,
  /** No message has this id in the profile. */
  MESSAGE_NOT_FOUND: 404,
  /** No record has this id (in the caller's workspace). */
  NOT_FOUND: 404,
  /** The engine or WhatsApp refused the call; the message says why. */
  SEND_FAILED: 502,
  /** The official API's 24-hour customer-service window is closed: only a template may open the chat. */
  WINDOW_CLOSED: 409,
  /** The profile's engine sends business-initiated messages (campaigns) only as platform-approved templates; link one. */
  TEMPLATE_REQUIRED: 422,
  /** The platform template does not exist in that language or is not APPROVED (yet); `details.status` says which. */
  TEMPLATE_NOT_APPROVED: 409,
  /** WhatsApp refused a message to a new contact (error 463): the reach-out timelock or the new-chat cap; `details.kind` and `details.until` (epoch ms, when WhatsApp gave it) say which and how long. */
  WHATSAPP_LIMITED: 429,
  /** An outbound call or a wait did not finish in time. */
  TIMEOUT: 504,
  /** The store or database failed; retry. */
  STORAGE_FAILED: 503,
  /** Too many calls; `details.retryAfterMs` (and the Retry-After header) say when to retry. */
  RATE_LIMITED: 429,
  /** The request cannot be read (a fallback for malformed requests without a closer code). */
  BAD_REQUEST: 400,
  /** The body is not valid JSON. */
  MALFORMED_JSON: 400,
  /** The multipart form cannot be read. */
  MALFORMED_MULTIPART: 400,
  /** The JSON nests deeper than 64 levels. */
  TOO_DEEP: 400,
  /** The path exists but not with this method. */
  METHOD_NOT_ALLOWED: 405,
  /** The session shows no QR code now (it is open, stopped or still connecting). */
  NO_QR: 409,
  /** Demo mode: the simulated phone is not linked to this profile yet. */
  DEMO_NOT_LINKED: 409,
  /** Demo mode: the simulated phones speak to Baileys profiles only. */
  DEMO_NEEDS_BAILEYS: 409,
  /** The body is over the limit (`MULTIWA_BODY_LIMIT`, `MULTIWA_MEDIA_BODY_LIMIT`). */
  PAYLOAD_TOO_LARGE: 413,
  /** The body's content type is not one this operation takes. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The request headers are too large. */
  HEADERS_TOO_LARGE: 431,
  /** An unexpected failure; the body says nothing more, the gateway log has the cause. */
  INTERNAL: 500,
} as const;

/** The gateway's error codes: one vocabulary from the library to this client. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
