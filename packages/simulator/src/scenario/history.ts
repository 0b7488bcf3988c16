const DAY_MS = 86_400_000;

/** How much history a phone has for its linked devices (issue #21): `chats` × `messagesPerChat`. */
export interface HistorySpec {
  chats: number;
  messagesPerChat: number;
  /** How far back the oldest message of each chat lies. @default 30 */
  spanDays?: number;
  /** Messages per history-sync file after the bootstrap one. @default 2000 */
  chunkMessages?: number;
  /** The newest message's time, ms since the epoch. @default Date.now() */
  now?: number;
  /**
   * The last this many chats have no saved name and their messages carry no push name, as with people the
   * account never saved: only the push-name chunk names them. @default 0
   */
  unnamed?: number;
  /** Every message whose index in its chat is `n` modulo `mediaEvery` (n = 4) is a photo with a caption. @default none */
  mediaEvery?: number;
}

export interface HistoryMessage {
  id: string;
  fromMe: boolean;
  /** ms since the epoch. */
  timestamp: number;
  text: string;
  /** A photo (its bytes, a tiny JPEG); `text` is its caption. */
  image?: Uint8Array;
}

export interface HistoryChat {
  jid: string;
  /** The name the account saved for the contact; none for an unnamed chat. */
  name?: string;
  pushName: string;
  /** Its messages carry no push name (an unnamed chat): the push-name chunk is the only source. */
  noPushOnMessages?: boolean;
  unread: number;
  /** Newest first, as WhatsApp lists a conversation in a history-sync file. */
  messages: HistoryMessage[];
}

/** What a phone holds of its past conversations: synced to each new companion, and asked for on demand. */
export interface SimHistory {
  chats: HistoryChat[];
  chunkMessages: number;
}

/**
 * Deterministic history: chat `i` is with `+62 800 i`, its messages spread evenly over `spanDays`,
 * every third one ours. Chat 0 holds the newest message, so the chat list's order is known.
 */
export function generateHistory(spec: HistorySpec): SimHistory {
  const {
    chats: n,
    messagesPerChat: m,
    spanDays = 30,
    chunkMessages = 2000,
    now = Date.now(),
    unnamed = 0,
    mediaEvery = 0,
  } = spec;
  if (!(n >= 0 && m >= 0 && chunkMessages > 0)) throw new Error("[multiwa-simulator] bad history volume");
  const step = m > 1 ? (spanDays * DAY_MS) / (m - 1) : 0;
  const chats: HistoryChat[] = [];
  for (let i = 0; i < n; i++) {
    const jid = `62800${String(i).padStart(7, "0")}@s.whatsapp.net`;
    const messages: HistoryMessage[] = [];
    // Whole seconds: WhatsApp's timestamps are, and ids must survive the round trip to compare.
    const newest = Math.floor((now - i * 1000) / 1000) * 1000;
    for (let j = 0; j < m; j++) {
      messages.push({
        id: `HS${i.toString(36).toUpperCase().padStart(4, "0")}${j.toString(36).toUpperCase().padStart(4, "0")}`,
        fromMe: j % 3 === 2,
        timestamp: newest - Math.round((j * step) / 1000) * 1000,
        text: `History ${i}/${j}`,
        ...(mediaEvery > 0 && j % mediaEvery === 4 % mediaEvery && j > 0 ? { image: historyImage(i, j) } : {}),
      });
    }
    const named = i < n - unnamed;
    chats.push({
      jid,
      ...(named ? { name: `Contact ${i}` } : { noPushOnMessages: true }),
      pushName: `Push ${i}`,
      unread: i % 3,
      messages,
    });
  }
  return { chats, chunkMessages };
}

/** A photo's bytes: a JPEG's start and end markers around its name, so each is distinct and checkable. */
function historyImage(chat: number, index: number): Uint8Array {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(`history photo ${chat}/${index}`),
    Buffer.from([0xff, 0xd9]),
  ]);
}
