/** Group administration beyond create/info/participants: settings, invites, join requests. */

/** Who may do what in a group, as WhatsApp stores it. */
export interface GroupSettings {
  /** Only admins may send messages ("announcement" group). */
  announcementOnly: boolean;
  /** Only admins may edit the subject, description and picture. */
  locked: boolean;
  /** Disappearing-messages timer in seconds; 0 when off. */
  ephemeralSeconds: number;
  /** Who may add members. */
  memberAddMode: "admins" | "all";
  /** New members joining by link wait for an admin's approval. */
  approvalRequired: boolean;
}

/** One change to a group; fields left out stay as they are. */
export interface GroupPatch {
  subject?: string;
  /** An empty string removes the description. */
  description?: string;
  settings?: Partial<GroupSettings>;
}

/** Someone waiting for an admin's approval to join. */
export interface GroupJoinRequest {
  /** Phone JID when known, else the LID. */
  jid: string;
  /** Milliseconds since the epoch. */
  requestedAt?: number;
  /** How they asked: an invite link, or being added by a non-admin. */
  method?: string;
}

/** What following an invite did: joined, or asked to (the group wants an admin's approval). */
export interface GroupJoinResult {
  groupId: string;
  pending: boolean;
}

export type GroupRequestAction = "approve" | "reject";

/** Membership changes, including join requests made, withdrawn and decided. */
export type GroupParticipantsAction =
  | "add"
  | "remove"
  | "leave"
  | "promote"
  | "demote"
  | "request"
  | "request_revoked"
  | "request_rejected";

export interface GroupParticipantsEvent {
  groupId: string;
  action: GroupParticipantsAction;
  participants: string[];
  /** Who made the change (phone JID when known). */
  author?: string;
}

/** What changed about the group itself. */
export type GroupChange = "create" | "subject" | "description" | "settings" | "picture" | "invite";
