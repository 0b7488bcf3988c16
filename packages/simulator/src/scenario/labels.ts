import type { proto } from "@whiskeysockets/baileys";
import type { AppStateStore } from "../appstate/store.js";

/** A WhatsApp Business label as the account's app state holds it. */
export interface SimLabel {
  id: string;
  name: string;
  /** 0–19, WhatsApp's palette. */
  color: number;
  predefinedId?: number;
  deleted: boolean;
}

interface Mutation {
  collection: "regular";
  index: string[];
  value: proto.ISyncActionValue;
  apiVersion: number;
}

/**
 * Issue #21: the mutations a phone writes for labels, the same collection, indexes and API version as
 * Baileys rc14 (chat-utils): `["label_edit", id]` for a label (a delete is a SET with `deleted`), and
 * `["label_jid", labelId, chat]` / `["label_message", labelId, chat, messageId, "0", "0"]` for what it is on.
 */
export function labelEditMutation(label: Omit<SimLabel, "deleted"> & { deleted?: boolean }): Mutation {
  return {
    collection: "regular",
    index: ["label_edit", label.id],
    value: {
      labelEditAction: {
        name: label.name,
        color: label.color,
        deleted: label.deleted ?? false,
        ...(label.predefinedId !== undefined ? { predefinedId: label.predefinedId } : {}),
      },
    },
    apiVersion: 3,
  };
}

export function labelAssociationMutation(
  labelId: string,
  chat: string,
  labeled: boolean,
  messageId?: string,
): Mutation {
  return {
    collection: "regular",
    index: messageId ? ["label_message", labelId, chat, messageId, "0", "0"] : ["label_jid", labelId, chat],
    value: { labelAssociationAction: { labeled } },
    apiVersion: 3,
  };
}

/** Every label the account holds, deleted ones flagged, by id. */
export function labelsOf(state: AppStateStore): SimLabel[] {
  return state
    .entries()
    .filter(([index]) => index[0] === "label_edit" && index[1])
    .map(([index, value]) => {
      const edit = value.labelEditAction ?? {};
      return {
        id: index[1]!,
        name: edit.name ?? "",
        color: edit.color ?? 0,
        ...(edit.predefinedId ? { predefinedId: edit.predefinedId } : {}),
        deleted: !!edit.deleted,
      };
    })
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** The ids of the live labels on a chat (`labelMessage` for one of its messages). */
export function chatLabelsOf(state: AppStateStore, chat: string, messageId?: string): string[] {
  const live = new Set(
    labelsOf(state)
      .filter((l) => !l.deleted)
      .map((l) => l.id),
  );
  return state
    .entries()
    .filter(([index]) =>
      messageId
        ? index[0] === "label_message" && index[2] === chat && index[3] === messageId
        : index[0] === "label_jid" && index[2] === chat,
    )
    .filter(([index, value]) => value.labelAssociationAction?.labeled && live.has(index[1]!))
    .map(([index]) => index[1]!);
}
