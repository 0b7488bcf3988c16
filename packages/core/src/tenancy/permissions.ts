/** Every permission a role or API key can hold. `*` grants all; `area.*` grants an area. */
export const PERMISSIONS = [
  "profiles.read",
  "profiles.manage",
  "messages.read",
  "messages.send",
  /** Lets an AI agent (MCP) send without the prepare/confirm step. */
  "messages.send.direct",
  "groups.read",
  "groups.manage",
  "contacts.read",
  "contacts.manage",
  /** Block and unblock users on WhatsApp (the account's own block list). */
  "contacts.block",
  /** The WhatsApp account's own name, about, picture and privacy settings. */
  "profile.manage",
  /** Reject calls and set a profile's auto-reject. */
  "calls.manage",
  "templates.manage",
  "broadcast.manage",
  "rules.manage",
  "flows.manage",
  "webhooks.manage",
  "keys.manage",
  "users.manage",
  "audit.read",
  "analytics.read",
  "org.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export interface Role {
  id: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
  organizationId?: string;
}

const READ = PERMISSIONS.filter((p) => p.endsWith(".read"));

/** The roles every organization has. */
export const BUILT_IN_ROLES: Role[] = [
  { id: "owner", name: "Owner", permissions: ["*"], builtIn: true },
  { id: "admin", name: "Admin", permissions: PERMISSIONS.filter((p) => p !== "org.manage"), builtIn: true },
  {
    id: "agent",
    name: "Agent",
    permissions: [
      "profiles.read",
      "messages.read",
      "messages.send",
      "groups.read",
      "contacts.read",
      "contacts.manage",
      /** Block and unblock users on WhatsApp (the account's own block list). */
      "contacts.block",
      /** The WhatsApp account's own name, about, picture and privacy settings. */
      "profile.manage",
      "analytics.read",
    ],
    builtIn: true,
  },
  { id: "viewer", name: "Viewer", permissions: [...READ], builtIn: true },
];

/** Whether a permission list grants `permission` (`*` grants all; `messages.*` grants `messages.send`). */
export function grants(permissions: readonly string[], permission: string): boolean {
  return permissions.some(
    (p) => p === "*" || p === permission || (p.endsWith(".*") && permission.startsWith(p.slice(0, -1))),
  );
}

export function isKnownPermission(permission: string): boolean {
  return (
    permission === "*" ||
    (PERMISSIONS as readonly string[]).includes(permission) ||
    (permission.endsWith(".*") && PERMISSIONS.some((p) => p.startsWith(permission.slice(0, -1))))
  );
}
