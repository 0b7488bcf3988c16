/**
 * Labels (WhatsApp Business, issue #21): a label is a name and one of WhatsApp's 20 colours, kept in the
 * account's app state and synced between its devices, like chat settings. WhatsApp assigns no ids: the
 * device that creates a label picks it (the phone counts up from 1), so ids are short decimal strings.
 */
export const LABEL_COLORS = 20;

export interface EngineLabel {
  id: string;
  name: string;
  /** 0–19: an index into WhatsApp's label palette. */
  color: number;
  /** One of WhatsApp's predefined labels ("New customer", "New order", …) when it is one. */
  predefinedId?: string;
  /** A deleted label stays in app state with this flag; set it to delete. */
  deleted?: boolean;
}

/** A label was created, edited or deleted, on any device of the account (the gateway's own changes too). */
export type LabelUpdateEvent = EngineLabel & { deleted: boolean };

/** A label was put on (or taken off) a chat, or a message when `messageId` is present. */
export interface LabelAssociationEvent {
  labelId: string;
  chatId: string;
  messageId?: string;
  labeled: boolean;
}
