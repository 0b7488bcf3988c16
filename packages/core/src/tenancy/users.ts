import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { stripBase } from "../storage/namespaces.js";
import { secret } from "../schemas/secret.js";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };
const SESSION_TTL_MS = 7 * 24 * 3600_000;

export const PasswordSchema = secret(z.string().min(10, "must have at least 10 characters").max(200));
/** A BCP 47 language tag (`en`, `id`, `pt-BR`): the language the user reads the dashboard in. */
export const LocaleSchema = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en, id or pt-BR").max(35);
export const UpdateUserSchema = z.object({ locale: LocaleSchema.nullable().optional() });
export const CreateUserSchema = z.object({ email: z.email().transform((e) => e.toLowerCase()), name: z.string().min(1).max(120), password: PasswordSchema });

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
  disabled?: boolean;
  /** Preferred language (BCP 47); absent until the user picks one. */
  locale?: string;
}

interface StoredUser extends User {
  passwordHash: string;
}

interface StoredSession {
  userId: string;
  expiresAt: number;
}

/** Users with scrypt password hashes, and their login sessions (only a hash of each token is kept). */
export class Users {
  constructor(private readonly storage: Storage) {}

  async create(input: z.input<typeof CreateUserSchema>): Promise<User> {
    const parsed = parseInput(CreateUserSchema, input, "user");
    if (await this.storage.hasItem(emailKey(parsed.email))) {
      throw new MultiWAError("ALREADY_EXISTS", `A user with email ${parsed.email} already exists`, { details: { field: "email" } });
    }
    const user: StoredUser = { id: `u_${randomBytes(6).toString("hex")}`, email: parsed.email, name: parsed.name, createdAt: Date.now(), passwordHash: await hashPassword(parsed.password) };
    await this.storage.setItem(`users:${user.id}`, user);
    await this.storage.setItem(emailKey(user.email), user.id);
    return publicView(user);
  }

  async get(id: string): Promise<User> {
    const user = await this.storage.getItem<StoredUser>(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    return publicView(user);
  }

  async findByEmail(email: string): Promise<User | null> {
    const id = await this.storage.getItem<string>(emailKey(email.toLowerCase()));
    return id ? this.get(id).catch(() => null) : null;
  }

  async list(ids?: string[]): Promise<User[]> {
    const all = ids ?? stripBase(await this.storage.getKeys("users"), "users");
    return (await Promise.all(all.map((id) => this.get(id).catch(() => null)))).filter((u): u is User => !!u);
  }

  async setPassword(id: string, password: string): Promise<void> {
    const user = await this.storage.getItem<StoredUser>(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`);
    user.passwordHash = await hashPassword(parseInput(PasswordSchema, password, "password"));
    await this.storage.setItem(`users:${id}`, user);
  }

  /** Changes the user's own preferences; `locale: null` forgets the language (back to the browser's). */
  async update(id: string, input: z.input<typeof UpdateUserSchema>): Promise<User> {
    const parsed = parseInput(UpdateUserSchema, input, "user");
    const user = await this.storage.getItem<StoredUser>(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    if (parsed.locale === null) delete user.locale;
    else if (parsed.locale !== undefined) user.locale = parsed.locale;
    await this.storage.setItem(`users:${id}`, user);
    return publicView(user);
  }

  /** Checks email and password; returns a session token (shown once) or fails with one message for every cause. */
  async login(email: string, password: string): Promise<{ user: User; token: string; expiresAt: number }> {
    const id = await this.storage.getItem<string>(emailKey(String(email).toLowerCase()));
    const user = id ? await this.storage.getItem<StoredUser>(`users:${id}`) : null;
    // Hash even for unknown emails, so timing does not reveal which emails exist.
    const ok = await verifyPassword(String(password), user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) throw new MultiWAError("UNAUTHENTICATED", "Wrong email or password");
    const token = `mws_${randomBytes(32).toString("base64url")}`;
    const expiresAt = Date.now() + SESSION_TTL_MS;
    await this.storage.setItem(sessionKey(token), { userId: user.id, expiresAt } satisfies StoredSession);
    return { user: publicView(user), token, expiresAt };
  }

  async session(token: string): Promise<User | null> {
    if (!token.startsWith("mws_")) return null;
    const session = await this.storage.getItem<StoredSession>(sessionKey(token));
    if (!session || session.expiresAt <= Date.now()) return null;
    const user = await this.get(session.userId).catch(() => null);
    return user && !user.disabled ? user : null;
  }

  async logout(token: string): Promise<void> {
    await this.storage.removeItem(sessionKey(token));
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
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}

const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(64).toString("base64")}`;

function emailKey(email: string): string {
  return `useremail:${createHash("sha256").update(email).digest("hex").slice(0, 40)}`;
}

function sessionKey(token: string): string {
  return `usersessions:${createHash("sha256").update(token).digest("hex")}`;
}

function publicView({ passwordHash: _hash, ...user }: StoredUser): User {
  return user;
}
