/** Meta's template categories: what a template may be used for (and how it is billed). */
export const BUSINESS_TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type BusinessTemplateCategory = (typeof BUSINESS_TEMPLATE_CATEGORIES)[number];

/**
 * A message template registered with the official platform (Meta reviews each before it may be sent).
 * `status` is Meta's: PENDING, APPROVED, REJECTED, PAUSED, DISABLED…
 */
export interface BusinessTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  /** The body text, with positional parameters `{{1}}`, `{{2}}`… */
  body?: string;
  /** A text header, with at most one parameter `{{1}}`. */
  header?: string;
  /** The buttons in order; a URL button whose `url` ends in `{{1}}` takes one parameter. */
  buttons?: { type: string; text: string; url?: string }[];
  /** Why Meta rejected it, when it did. */
  rejectedReason?: string;
}

/** What an engine needs to submit a template for review. */
export interface BusinessTemplateDraft {
  name: string;
  language: string;
  category: BusinessTemplateCategory;
  body: string;
  /** One sample value per `{{n}}` of the body (Meta refuses a parameterised body without them). */
  examples?: string[];
}
