import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EngineSessionContext } from "@multiwa/core";

type Storage = EngineSessionContext["storage"];

export interface UnstorageAuthStoreOptions {
  /** The profile's auth namespace (`EngineSessionContext.storage`). */
  storage: Storage;
  /** Folder where whatsapp-web.js's RemoteAuth writes `<session>.zip` before calling `save`. */
  dataPath: string;
  /** Bytes per stored chunk, before base64. @default 1048576 */
  chunkSize?: number;
}

interface SessionMeta {
  /** Chunks of one save share a generation, so a crash mid-save leaves the previous one intact. */
  generation: string;
  chunks: number;
  bytes: number;
  savedAt: number;
}

interface Chunk {
  b64: string;
}

/**
 * The store whatsapp-web.js's `RemoteAuth` expects (`sessionExists`, `save`, `extract`, `delete`),
 * kept in MultiWA's storage as base64 chunks: any unstorage driver (fs, Redis, S3…) then carries
 * the browser session, and a restart or a move to another node needs no new QR.
 */
export class UnstorageAuthStore {
  private readonly storage: Storage;
  private readonly dataPath: string;
  private readonly chunkSize: number;

  constructor(options: UnstorageAuthStoreOptions) {
    this.storage = options.storage;
    this.dataPath = options.dataPath;
    this.chunkSize = options.chunkSize ?? 1024 * 1024;
  }

  async sessionExists({ session }: { session: string }): Promise<boolean> {
    return (await this.meta(session)) !== null;
  }

  /** RemoteAuth passes only the name; the zip sits at `<dataPath>/<session>.zip`. */
  async save({ session }: { session: string }): Promise<void> {
    const zip = await readFile(join(this.dataPath, `${session}.zip`));
    const previous = await this.meta(session);
    const generation = randomBytes(4).toString("hex");
    const chunks = Math.max(1, Math.ceil(zip.byteLength / this.chunkSize));
    for (let i = 0; i < chunks; i++) {
      const part = zip.subarray(i * this.chunkSize, (i + 1) * this.chunkSize).toString("base64");
      // Wrapped in an object: unstorage would turn a bare string like "1234" back into a number.
      await this.storage.setItem<Chunk>(chunkKey(session, generation, i), { b64: part });
    }
    await this.storage.setItem<SessionMeta>(metaKey(session), {
      generation,
      chunks,
      bytes: zip.byteLength,
      savedAt: Date.now(),
    });
    if (previous) await this.removeChunks(session, previous);
  }

  async extract({ session, path }: { session: string; path: string }): Promise<void> {
    const meta = await this.meta(session);
    if (!meta) throw new Error(`No stored session "${session}"`);
    const parts: Buffer[] = [];
    for (let i = 0; i < meta.chunks; i++) {
      const part = (await this.storage.getItem<Chunk>(chunkKey(session, meta.generation, i)))?.b64;
      if (typeof part !== "string")
        throw new Error(`Stored session "${session}" is missing chunk ${i + 1} of ${meta.chunks}`);
      parts.push(Buffer.from(part, "base64"));
    }
    await writeFile(path, Buffer.concat(parts));
  }

  async delete({ session }: { session: string }): Promise<void> {
    const meta = await this.meta(session);
    await this.storage.removeItem(metaKey(session));
    if (meta) await this.removeChunks(session, meta);
  }

  // --- Internal helpers ---

  private meta(session: string): Promise<SessionMeta | null> {
    return this.storage.getItem<SessionMeta>(metaKey(session));
  }

  private async removeChunks(session: string, meta: SessionMeta): Promise<void> {
    for (let i = 0; i < meta.chunks; i++) await this.storage.removeItem(chunkKey(session, meta.generation, i));
  }
}

function metaKey(session: string): string {
  return `remoteauth:${session}:meta`;
}

function chunkKey(session: string, generation: string, index: number): string {
  return `remoteauth:${session}:${generation}:${index}`;
}
