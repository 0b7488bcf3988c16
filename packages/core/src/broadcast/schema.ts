import type { LimitKind } from "../engine/limit-types.js";
import { z } from "zod";
import { TagSchema } from "../contacts/schema.js";
import { resourceId } from "../tenancy/resource-id.js";
import { compileTemplate } from "../templates/render.js";
import { BusinessTemplateLinkSchema } from "../templates/business-link.js";
import { TemplateMediaSchema } from "../templates/store.js";

/** A campaign's send rate per profile, on top of (never faster than) the profile's own pacing. */
export const CampaignPacingSchema = z.object({
  /** Messages per minute per profile; 0 sends as fast as the profile's outbox allows. @default 20 */
  perMinute: z.number().min(0).max(6000).default(20),
  /** Each send moves by up to this many ms, without changing the average rate. @default 2000 */
  jitterMs: z.number().int().min(0).max(600_000).default(2000),
  /** At most this many campaign messages per profile per day (in the schedule's time zone); 0 means no cap. */
  dailyCap: z.number().int().min(0).max(1_000_000).default(0),
});

const TimeZoneSchema = z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Jakarta");

export const CampaignScheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("now") }),
  /** `at`: ISO date-time; without an offset it is read in `timeZone`. */
  z.object({
    type: z.literal("at"),
    at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/, "must be an ISO date-time"),
    timeZone: TimeZoneSchema.default("UTC"),
  }),
  /** Recurring: a 5-field cron (6 with seconds), read in `timeZone`; each occurrence is a new run. */
  z.object({ type: z.literal("cron"), cron: z.string().min(9).max(120), timeZone: TimeZoneSchema.default("UTC") }),
]);

export const CampaignAudienceSchema = z
  .object({
    /** Contacts carrying any of these tags. */
    tags: z.array(TagSchema).max(50).optional(),
    /** Contact ids or phone numbers. */
    contactIds: z.array(z.string().min(1)).max(100_000).optional(),
    /** An uploaded CSV (phone,name,custom columns…); validated like a contact import. */
    csv: z.string().max(20_000_000).optional(),
  })
  .refine((a) => a.tags?.length || a.contactIds?.length || a.csv, "name recipients by `tags`, `contactIds` or `csv`");

export const CampaignMessageSchema = z
  .object({
    /** Text with `{{variables}}`; or `templateId`. */
    text: z.string().min(1).max(4096).optional(),
    templateId: resourceId("template").optional(),
    media: TemplateMediaSchema.optional(),
    /**
     * The official platform's approved template, for profiles on the Cloud API (which take nothing
     * else from a business that writes first); `text` then goes to profiles on other engines. A
     * `templateId` brings its own link instead.
     */
    businessTemplate: BusinessTemplateLinkSchema.optional(),
  })
  .refine(
    (m) => (m.text ? !m.templateId : !!m.templateId || !!m.businessTemplate),
    "give either `text` or `templateId` (or only `businessTemplate`)",
  )
  .refine((m) => !(m.templateId && m.businessTemplate), {
    message: "a saved template carries its own `businessTemplate`; give one or the other",
    path: ["businessTemplate"],
  })
  .superRefine((m, ctx) => {
    if (!m.text) return;
    try {
      compileTemplate(m.text, "text");
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["text"], message: (error as Error).message.replace(/^\[multiwa\] /, "") });
    }
  });

export const CreateCampaignSchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Profiles that send; several are used in rotation. */
  profileIds: z.array(resourceId("profile")).min(1).max(20),
  message: CampaignMessageSchema,
  audience: CampaignAudienceSchema,
  schedule: CampaignScheduleSchema.default({ type: "now" }),
  pacing: CampaignPacingSchema.default({ perMinute: 20, jitterMs: 2000, dailyCap: 0 }),
  /**
   * Check each recipient's number on WhatsApp before sending (cached, rate-limited per profile) and skip
   * those not on it (`notOnWhatsApp` in the progress). @default false
   */
  skipNotOnWhatsApp: z.boolean().default(false),
  /** `false` saves a draft; start it later. @default true */
  start: z.boolean().default(true),
});
/** A patch's pacing fields are merged into the campaign's (no defaults, so nothing left out is reset). */
export const UpdateCampaignSchema = z
  .object({
    name: CreateCampaignSchema.shape.name,
    pacing: z
      .object({
        perMinute: z.number().min(0).max(6000),
        jitterMs: z.number().int().min(0).max(600_000),
        dailyCap: z.number().int().min(0).max(1_000_000),
      })
      .partial(),
  })
  .partial();

export type CreateCampaignInput = z.input<typeof CreateCampaignSchema>;
export type UpdateCampaignInput = z.input<typeof UpdateCampaignSchema>;
export type CampaignPacing = z.output<typeof CampaignPacingSchema>;
export type CampaignSchedule = z.output<typeof CampaignScheduleSchema>;

export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "cancelled",
  "failed",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Counts of the current run's recipients; they add up to `total`. */
export interface CampaignProgress {
  total: number;
  /** Not handed to a profile yet. */
  pending: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Opted out before their turn. */
  skipped: number;
  /** Not on WhatsApp, found by the number check (`skipNotOnWhatsApp`). */
  notOnWhatsApp: number;
  /** Profiles paused by a WhatsApp limit (issue #21) until `until`; live only (absent when none). */
  limited?: CampaignLimit[];
}

/** A profile of a campaign paused by a WhatsApp limit: its recipients wait, the campaign's other profiles go on. */
export interface CampaignLimit {
  profileId: string;
  kind: LimitKind;
  until: number;
  /** `until` is the default window (`limitWindowMs`): WhatsApp did not give the limit's end. */
  untilInferred?: boolean;
  detail?: string;
}

export interface Campaign extends Omit<z.output<typeof CreateCampaignSchema>, "start" | "audience"> {
  /** The uploaded CSV itself is stored apart; `csvRows` says how many recipients it named. */
  audience: Omit<z.output<typeof CampaignAudienceSchema>, "csv"> & { csvRows?: number };
  id: string;
  workspaceId: string;
  status: CampaignStatus;
  /** Current (or last) run; recurring campaigns count up, the others have one. */
  run: number;
  nextRunAt?: number;
  progress: CampaignProgress;
  error?: { code: string; message: string };
  /** What `resume` returns a paused campaign to. */
  pausedFrom?: CampaignStatus;
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  finishedAt?: number;
}

export function emptyProgress(total = 0): CampaignProgress {
  return { total, pending: total, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 0, notOnWhatsApp: 0 };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
