/** Flat `{ to, type, …content, options }` (typed routes and multipart forms) → the core's `{ to, content, options }`. */
export function typedToSendRequest(
  type: string,
  body: Record<string, unknown>,
): { to: unknown; content: Record<string, unknown>; options?: unknown } {
  const { to, options, sendOptions, type: _ignored, ...content } = body;
  // In the flat form a poll's `options` is its list of choices; send options then go in `sendOptions`.
  const pollChoices = Array.isArray(options);
  const send = sendOptions ?? (pollChoices ? undefined : options);
  return {
    to,
    content: { ...content, ...(pollChoices ? { options } : {}), type },
    ...(send !== undefined ? { options: send } : {}),
  };
}

export function formToSendRequest(form: Record<string, unknown>) {
  return typedToSendRequest(String(form.type ?? ""), form);
}
