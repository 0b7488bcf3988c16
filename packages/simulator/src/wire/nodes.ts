import { getBinaryNodeChild, S_WHATSAPP_NET, type BinaryNode } from "@whiskeysockets/baileys";

/** Seconds since the epoch, as the string WhatsApp puts in `t` attributes. */
export const unixTime = (): string => Math.floor(Date.now() / 1000).toString();

let counter = 0;
/** Server-generated stanza ids (unique within the process). */
export const serverId = (prefix = "sim"): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** A message id in WhatsApp's usual shape (3EB0 + hex). */
export const messageId = (): string =>
  `3EB0${Buffer.from(crypto.getRandomValues(new Uint8Array(9)))
    .toString("hex")
    .toUpperCase()}`;

export const node = (
  tag: string,
  attrs: Record<string, string | undefined> = {},
  content?: BinaryNode["content"],
): BinaryNode => {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  return content === undefined ? { tag, attrs: clean } : { tag, attrs: clean, content };
};

/** `<iq type=result id=…>` answering `iq`, optionally with children. */
export const iqResult = (iq: BinaryNode, content?: BinaryNode[]): BinaryNode =>
  node("iq", { from: iq.attrs.to ?? S_WHATSAPP_NET, type: "result", id: iq.attrs.id }, content);

export const iqError = (iq: BinaryNode, code: number, text: string): BinaryNode =>
  node("iq", { from: iq.attrs.to ?? S_WHATSAPP_NET, type: "error", id: iq.attrs.id }, [
    node("error", { code: String(code), text }),
  ]);

export const childBytes = (parent: BinaryNode | undefined, tag: string): Buffer | undefined => {
  const c = getBinaryNodeChild(parent, tag)?.content;
  return c instanceof Uint8Array ? Buffer.from(c) : typeof c === "string" ? Buffer.from(c) : undefined;
};

export const children = (n: BinaryNode | undefined): BinaryNode[] => (Array.isArray(n?.content) ? n.content : []);
