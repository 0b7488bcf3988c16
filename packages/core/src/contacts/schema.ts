import { z } from "zod";

export const TagSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.:-]{1,64}$/u, "must be 1-64 letters, digits, _ . : or -");
export const FieldKeySchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be an identifier (letters, digits, _)");

export const ContactInputSchema = z.object({
  /** Phone number in international format, or a user JID. */
  phone: z.string().min(1, "is required"),
  name: z.string().trim().max(200).optional(),
  tags: z.array(TagSchema).max(100).default([]),
  /** Free-form fields templates read as `{{custom.<key>}}`. */
  fields: z.record(FieldKeySchema, z.string().max(2000)).default({}),
  /** Opted out of broadcasts: campaigns skip this contact. */
  optOut: z.boolean().default(false),
});
// Spelled out: `.partial()` keeps the defaults above, and a patch must not reset what it leaves out.
export const ContactPatchSchema = z
  .object({
    name: z.string().trim().max(200),
    tags: z.array(TagSchema).max(100),
    fields: z.record(FieldKeySchema, z.string().max(2000)),
    optOut: z.boolean(),
  })
  .partial();

export const ContactQuerySchema = z.object({
  /** Substring of name or phone, case-insensitive. */
  q: z.string().max(200).optional(),
  /** Contacts carrying every one of these tags. */
  tags: z.array(TagSchema).optional(),
  /** Contacts carrying at least one of these tags. */
  anyTags: z.array(TagSchema).optional(),
  optOut: z.boolean().optional(),
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).default(0),
  /** Keyset cursor: the `nextCursor` of the previous page. */
  after: z.string().max(200).optional(),
});

export const BulkTagSchema = z.object({
  /** Contact ids (phone digits); or `filter` to pick contacts by query. */
  ids: z.array(z.string().min(1)).max(100_000).optional(),
  filter: ContactQuerySchema.omit({ limit: true, offset: true, after: true }).optional(),
  add: z.array(TagSchema).default([]),
  remove: z.array(TagSchema).default([]),
});

export type ContactInput = z.input<typeof ContactInputSchema>;
export type ContactPatch = z.input<typeof ContactPatchSchema>;
export type ContactQuery = z.input<typeof ContactQuerySchema>;
export type BulkTagInput = z.input<typeof BulkTagSchema>;

/** A person a workspace messages; the id is the phone number (digits), or `lid-<id>` for hidden numbers. */
export interface Contact {
  id: string;
  workspaceId: string;
  jid: string;
  phone?: string;
  name?: string;
  tags: string[];
  fields: Record<string, string>;
  optOut: boolean;
  /** First and last inbound message, when the contact ever wrote. */
  firstSeenAt?: number;
  lastSeenAt?: number;
  createdAt: number;
  updatedAt: number;
}
