import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { LabelUpdateEvent } from "../engine/label-types.js";
import type { Label, LabelAssociation } from "./schema.js";
import { labelAssociations, labels } from "./table.js";

type StoredLabel = LabelUpdateEvent & { updatedAt: number };

/** The one owner of the `labels` and `label_associations` tables. */
export class LabelRecords {
  constructor(private readonly db: Db) {}

  async get(profileId: string, id: string): Promise<StoredLabel | undefined> {
    const [row] = await this.db
      .select()
      .from(labels)
      .where(and(eq(labels.profileId, profileId), eq(labels.id, id)));
    return row && toStored(row);
  }

  /** Every label ever seen (deleted ones too), so a new id never reuses one. */
  async ids(profileId: string): Promise<string[]> {
    const rows = await this.db.select({ id: labels.id }).from(labels).where(eq(labels.profileId, profileId));
    return rows.map((r) => r.id);
  }

  async put(profileId: string, label: LabelUpdateEvent, at: number): Promise<void> {
    const values = {
      name: label.name,
      color: label.color,
      predefinedId: label.predefinedId ?? null,
      deleted: label.deleted,
      updatedAt: at,
    };
    await this.db
      .insert(labels)
      .values({ profileId, id: label.id, ...values })
      .onConflictDoUpdate({ target: [labels.profileId, labels.id], set: values });
    if (label.deleted)
      await this.db
        .delete(labelAssociations)
        .where(and(eq(labelAssociations.profileId, profileId), eq(labelAssociations.labelId, label.id)));
  }

  /** Live labels by name, each with how many chats carry it. */
  async list(profileId: string): Promise<Label[]> {
    const chats = this.db
      .select({ labelId: labelAssociations.labelId, n: count().as("n") })
      .from(labelAssociations)
      .where(and(eq(labelAssociations.profileId, profileId), eq(labelAssociations.messageId, "")))
      .groupBy(labelAssociations.labelId)
      .as("chats");
    const rows = await this.db
      .select({ label: labels, n: chats.n })
      .from(labels)
      .leftJoin(chats, eq(chats.labelId, labels.id))
      .where(and(eq(labels.profileId, profileId), eq(labels.deleted, false)))
      .orderBy(asc(labels.name), asc(labels.id));
    return rows.map((r) => toLabel(r.label, Number(r.n ?? 0)));
  }

  /** Records a label on a chat or message, or its removal; true when that changed anything. */
  async associate(
    profileId: string,
    a: { labelId: string; chatId: string; messageId?: string },
    on: boolean,
    at: number,
  ) {
    const key = { profileId, labelId: a.labelId, chatId: a.chatId, messageId: a.messageId ?? "" };
    if (on) {
      const rows = await this.db
        .insert(labelAssociations)
        .values({ ...key, at })
        .onConflictDoNothing()
        .returning({ at: labelAssociations.at });
      return rows.length > 0;
    }
    const rows = await this.db
      .delete(labelAssociations)
      .where(
        and(
          eq(labelAssociations.profileId, profileId),
          eq(labelAssociations.labelId, key.labelId),
          eq(labelAssociations.chatId, key.chatId),
          eq(labelAssociations.messageId, key.messageId),
        ),
      )
      .returning({ at: labelAssociations.at });
    return rows.length > 0;
  }

  /** The chats and messages carrying a label, oldest first. */
  async associations(profileId: string, labelId: string): Promise<LabelAssociation[]> {
    const rows = await this.db
      .select()
      .from(labelAssociations)
      .where(and(eq(labelAssociations.profileId, profileId), eq(labelAssociations.labelId, labelId)))
      .orderBy(asc(labelAssociations.at), asc(labelAssociations.chatId));
    return rows.map(toAssociation);
  }

  /** The labels on one chat (not its messages'). */
  async ofChat(profileId: string, chatId: string): Promise<string[]> {
    const rows = await this.db
      .select({ labelId: labelAssociations.labelId })
      .from(labelAssociations)
      .innerJoin(
        labels,
        and(eq(labels.profileId, labelAssociations.profileId), eq(labels.id, labelAssociations.labelId)),
      )
      .where(
        and(
          eq(labelAssociations.profileId, profileId),
          eq(labelAssociations.chatId, chatId),
          eq(labelAssociations.messageId, ""),
          eq(labels.deleted, false),
        ),
      )
      .orderBy(asc(labelAssociations.at));
    return rows.map((r) => r.labelId);
  }

  /** The user chats carrying a label, for renaming or dropping its contact tag. */
  async chatsOf(profileId: string, labelId: string): Promise<string[]> {
    const rows = await this.db
      .select({ chatId: labelAssociations.chatId })
      .from(labelAssociations)
      .where(
        and(
          eq(labelAssociations.profileId, profileId),
          eq(labelAssociations.labelId, labelId),
          eq(labelAssociations.messageId, ""),
        ),
      );
    return rows.map((r) => r.chatId);
  }
}

// --- Internal helpers ---

type Row = typeof labels.$inferSelect;

function toStored(row: Row): StoredLabel {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    ...(row.predefinedId ? { predefinedId: row.predefinedId } : {}),
    deleted: row.deleted,
    updatedAt: row.updatedAt,
  };
}

function toLabel(row: Row, chats: number): Label {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    ...(row.predefinedId ? { predefinedId: row.predefinedId } : {}),
    chats,
    updatedAt: row.updatedAt,
  };
}

function toAssociation(row: typeof labelAssociations.$inferSelect): LabelAssociation {
  return {
    labelId: row.labelId,
    chatId: row.chatId,
    ...(row.messageId ? { messageId: row.messageId } : {}),
    at: row.at,
  };
}
