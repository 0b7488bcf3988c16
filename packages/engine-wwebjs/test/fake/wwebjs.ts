import { createRequire } from "node:module";
import type WAWebJS from "whatsapp-web.js";

// The real whatsapp-web.js classes: the fake builds its events and answers from them, so the
// adapter under test parses exactly what it would parse in production.
const require = createRequire(import.meta.url);
export const wwebjs = require("whatsapp-web.js") as typeof WAWebJS;
const structure = <T>(name: string): T => require(`whatsapp-web.js/src/structures/${name}.js`) as T;

type Ctor<T> = new (client: unknown, data: unknown) => T;
export const Message = structure<Ctor<WAWebJS.Message>>("Message");
export const GroupChat = structure<Ctor<WAWebJS.GroupChat>>("GroupChat");
export const PrivateChat = structure<Ctor<WAWebJS.PrivateChat>>("PrivateChat");
export const GroupNotification = structure<Ctor<WAWebJS.GroupNotification>>("GroupNotification");
export const Reaction = structure<Ctor<WAWebJS.Reaction>>("Reaction");
export const PollVote = structure<Ctor<WAWebJS.PollVote>>("PollVote");
export const ClientInfo = structure<Ctor<WAWebJS.ClientInfo>>("ClientInfo");
export const Contact = structure<Ctor<WAWebJS.Contact>>("Contact");

/** A WhatsApp Web `Wid` as `serialize()` hands it to whatsapp-web.js. */
export interface Wid {
  server: string;
  user: string;
  _serialized: string;
}

export function wid(serialized: string): Wid {
  const [user = "", server = ""] = serialized.split("@");
  return { server, user, _serialized: serialized };
}

export function cus(phone: string): string {
  return `${phone}@c.us`;
}

export interface RawKey {
  fromMe: boolean;
  remote: string;
  id: string;
  participant?: string;
  _serialized: string;
}

export function rawKey(fromMe: boolean, remote: string, id: string, participant?: string): RawKey {
  return {
    fromMe,
    remote,
    id,
    ...(participant ? { participant } : {}),
    _serialized: `${fromMe}_${remote}_${id}${participant ? `_${participant}` : ""}`,
  };
}

/** The fields of a message model (`WWebJS.getMessageModel`) the fake fills in. */
export interface RawMessage {
  id: RawKey;
  type: string;
  body?: string;
  t: number;
  from: Wid;
  to: Wid;
  author?: Wid;
  ack: number;
  isNewMsg: boolean;
  notifyName?: string;
  caption?: string;
  mimetype?: string;
  filename?: string;
  size?: number;
  directPath?: string;
  isGif?: boolean;
  lat?: number;
  lng?: number;
  loc?: string;
  vcardFormattedName?: string;
  vcardList?: { displayName: string; vcard: string }[];
  pollName?: string;
  pollOptions?: { name: string; localId: number }[];
  pollSelectableOptionsCount?: number;
  quotedStanzaID?: string;
  quotedParticipant?: Wid;
  quotedMsg?: { type: string; body?: string };
  mentionedJidList?: string[];
  latestEditMsgKey?: RawKey;
  protocolMessageKey?: RawKey;
}
