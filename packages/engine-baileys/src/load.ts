import { MultiWAError } from "@multiwa/core";

export type Baileys = typeof import("@whiskeysockets/baileys");

let loading: Promise<Baileys> | undefined;

/**
 * Baileys (and its Signal, protobuf and crypto dependencies) is loaded on the first connect, so
 * importing the engine stays cheap and a missing install fails with a clear message.
 */
export function loadBaileys(): Promise<Baileys> {
  loading ??= import("@whiskeysockets/baileys").catch((cause: unknown) => {
    loading = undefined;
    throw new MultiWAError(
      "ENGINE_NOT_FOUND",
      'The "baileys" engine needs @whiskeysockets/baileys: install it with `pnpm add @whiskeysockets/baileys@7.0.0-rc14`',
      {
        scope: "baileys",
        cause,
      },
    );
  });
  return loading;
}
