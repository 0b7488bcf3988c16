import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { Db } from "../db/types.js";
import { secret } from "../schemas/secret.js";
import { userSessions, users } from "./table.js";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };
const SESSION_TTL_MS = 7 * 24 * 3600_000;

export const PasswordSchema = secret(z.string().min(10, "must have at least 10 characters").max(200));
/** A BCP 47 language tag (`en`, `id`, `pt-BR`): the language the user reads the dashboard in. */
export const LocaleSchema = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en, id or pt-BR")
  .max(35);
export const UpdateUserSchema = z.object({ locale: LocaleSchema.nullable().optional() });
export const CreateUserSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().min(1).max(120),
  password: PasswordSchema,
});

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
  disabled?: boolean;
  /** Preferred language (BCP 47); absent until the user picks one. */
  locale?: string;
}

type UserRow = typeof users.$inferSelect;

/** Users with scrypt password hashes, and their login sessions (only a hash of each token is kept). */
export class Users {
  constructor(private readonly db: Db) {}

  async create(input: z.input<typeof CreateUserSchema>): Promise<User> {
    const parsed = parseInput(CreateUserSchema, input, "user");
    const row: UserRow = {
      id: `u_${randomBytes(6).toString("hex")}`,
      email: parsed.email,
      name: parsed.name,
      createdAt: Date.now(),
      disabled: false,
      locale: null,
      passwordHash: await hashPassword(parsed.password),
    };
    // The unique email index decides between two nodes creating the same user at once.
    const inserted = await this.db.insert(users).values(row).onConflictDoNothing().returning();
    if (!inserted[0])
      throw new MultiWAError("ALREADY_EXISTS", `A user with email ${parsed.email} already exists`, {
        details: { field: "email" },
      });
    return publicView(inserted[0]);
  }

  async get(id: string): Promise<User> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    if (!row) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    return publicView(row);
  }

  async findByEmail(email: string): Promise<User | null> {
    const row = await this.byEmail(email);
    return row ? publicView(row) : null;
  }

  async list(ids?: string[]): Promise<User[]> {
    if (ids && !ids.length) return [];
    const rows = await this.db
      .select()
      .from(users)
      .where(ids ? inArray(users.id, ids) : undefined)
      .orderBy(asc(users.createdAt), asc(users.id));
    return rows.map(publicView);
  }

  async setPassword(id: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(parseInput(PasswordSchema, password, "password"));
    const updated = await this.db
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!updated.length) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`);
  }

  /** Changes the user's own preferences; `locale: null` forgets the language (back to the browser's). */
  async update(id: string, input: z.input<typeof UpdateUserSchema>): Promise<User> {
    const parsed = parseInput(UpdateUserSchema, input, "user");
    const query =
      parsed.locale === undefined
        ? this.db.select().from(users).where(eq(users.id, id))
        : this.db.update(users).set({ locale: parsed.locale }).where(eq(users.id, id)).returning();
    const [row] = await query;
    if (!row) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    return publicView(row);
  }

  /** Checks email and password; returns a session token (shown once) or fails with one message for every cause. */
  async login(email: string, password: string): Promise<{ user: User; token: string; expiresAt: number }> {
    const user = await this.byEmail(String(email));
    // Hash even for unknown emails, so timing does not reveal which emails exist.
    const ok = await verifyPassword(String(password), user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) throw new MultiWAError("UNAUTHENTICATED", "Wrong email or password");
    const token = `mws_${randomBytes(32).toString("base64url")}`;
    const expiresAt = Date.now() + SESSION_TTL_MS;
    await this.db.insert(userSessions).values({ tokenHash: sha256(token), userId: user.id, expiresAt });
    return { user: publicView(user), token, expiresAt };
  }

  /** The user behind a session token: one indexed join, so a logout or a disabled user counts on every node at once. */
  async session(token: string): Promise<User | null> {
    if (!token.startsWith("mws_")) return null;
    const [row] = await this.db
      .select({ user: users })
      .from(userSessions)
      .innerJoin(users, eq(users.id, userSessions.userId))
      .where(
        and(
          eq(userSessions.tokenHash, sha256(token)),
          gt(userSessions.expiresAt, Date.now()),
          eq(users.disabled, false),
        ),
      );
    return row ? publicView(row.user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.db.delete(userSessions).where(eq(userSessions.tokenHash, sha256(token)));
  }

  private async byEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(expected, actual);
}

const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(64).toString("base64")}`;

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function publicView({ passwordHash: _hash, disabled, locale, ...user }: UserRow): User {
  return { ...user, ...(disabled ? { disabled } : {}), ...(locale ? { locale } : {}) };
}
