import { normalizeUserJid } from "@multiwa/core";
import type { proto, WAMessage as BaileysMessage } from "@whiskeysockets/baileys";
import type { Baileys } from "./load.js";

export interface PollVote {
  pollId: string;
  selected: string[];
}

/**
 * Decrypts a `pollUpdateMessage` against the poll it votes on. rc14 no longer does this itself.
 * The vote is keyed by the poll's `messageSecret` and the creator's and voter's JIDs; which
 * addressing (phone or LID) the voter's client used is not on the wire, so each pair is tried.
 */
export function decryptVote(
  baileys: Baileys,
  vote: BaileysMessage,
  poll: proto.IWebMessageInfo,
  ids: { creator: (string | null | undefined)[]; voter: (string | null | undefined)[] },
): PollVote | undefined {
  const update = vote.message?.pollUpdateMessage;
  const secret = poll.message?.messageContextInfo?.messageSecret;
  const pollId = update?.pollCreationMessageKey?.id;
  if (!update?.vote || !secret || !pollId) return undefined;
  for (const creator of unique(ids.creator)) {
    for (const voter of unique(ids.voter)) {
      let decrypted: proto.Message.PollVoteMessage;
      try {
        decrypted = baileys.decryptPollVote(update.vote, {
          pollCreatorJid: creator,
          pollMsgId: pollId,
          pollEncKey: secret,
          voterJid: voter,
        });
      } catch {
        continue; // wrong JID pair: GCM authentication fails
      }
      const tally = baileys.getAggregateVotesInPollMessage({
        message: poll.message,
        pollUpdates: [{ pollUpdateMessageKey: vote.key, vote: decrypted, senderTimestampMs: Date.now() }],
      });
      return { pollId, selected: tally.filter((o) => o.voters.length > 0).map((o) => o.name) };
    }
  }
  return undefined;
}

function unique(jids: (string | null | undefined)[]): string[] {
  return [...new Set(jids.filter((j): j is string => Boolean(j)).map(normalizeUserJid))];
}
