import { createReadStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { createRequire } from "node:module";
import type WAWebJS from "whatsapp-web.js";
import type { UnstorageAuthStore } from "./auth-store.js";
import type { WwebjsLib } from "./wwebjs.js";

export interface SessionAuth extends WAWebJS.AuthStrategy {
  /** Copies the browser session into storage now (the browser should be closed, so its files are consistent). */
  backup(): Promise<void>;
}

export interface SessionAuthOptions {
  store: UnstorageAuthStore;
  dataPath: string;
  clientId: string;
  backupSyncIntervalMs: number;
}

/** What RemoteAuth has at runtime beyond its typings. */
interface RemoteAuthInternals {
  store: UnstorageAuthStore;
  userDataDir: string;
  sessionName: string;
  backupSync?: NodeJS.Timeout;
  backupSyncIntervalMs: number;
  storeRemoteSession(options?: { emit?: boolean }): Promise<void>;
}

/**
 * whatsapp-web.js's RemoteAuth, changed for a gateway:
 * - it deletes the stored session on every unexpected close (conflict, timeout…); here only a logout does;
 * - its first backup waits 60 s and then starts a timer even if the client was destroyed meanwhile;
 * - it unpacks a saved session on the unzip stream's `finish`, before the files are all written
 *   (`close`), so the browser could start on a half-restored profile;
 * - `backup()` lets the session save once more when it closes, so a restart soon after login needs no QR.
 */
export function createSessionAuth(lib: WwebjsLib, options: SessionAuthOptions): SessionAuth {
  // Typed loosely: the typings declare these hooks as properties, which methods cannot override.
  const RemoteAuth = lib.RemoteAuth as unknown as new (o: object) => object;
  class GatewayRemoteAuth extends RemoteAuth {
    private destroyed = false;

    private get internals(): RemoteAuthInternals {
      return this as unknown as RemoteAuthInternals;
    }

    async disconnect(): Promise<void> {
      clearInterval(this.internals.backupSync);
    }

    async logout(): Promise<void> {
      // RemoteAuth's own disconnect: deletes the stored session and the browser profile.
      await (RemoteAuth.prototype as unknown as { disconnect(this: unknown): Promise<void> }).disconnect.call(this);
    }

    async destroy(): Promise<void> {
      this.destroyed = true;
      clearInterval(this.internals.backupSync);
    }

    async afterAuthReady(): Promise<void> {
      const self = this.internals;
      // whatsapp-web.js does not await this hook: a failure here must not become an unhandled rejection.
      try {
        if (!(await self.store.sessionExists({ session: self.sessionName }))) {
          // WhatsApp Web needs about a minute after login before its stored state can be restored.
          await new Promise((r) => setTimeout(r, 60_000).unref());
          if (this.destroyed) return;
          await self.storeRemoteSession({ emit: true });
        }
      } catch {
        // The next periodic backup, or the one on close, tries again.
      }
      if (this.destroyed) return;
      self.backupSync = setInterval(
        () => void self.storeRemoteSession().catch(() => undefined),
        self.backupSyncIntervalMs,
      );
      self.backupSync.unref();
    }

    async unCompressSession(zipPath: string): Promise<void> {
      await new Promise<void>((resolve, reject) => {
        const extract = unzipper().Extract({ path: this.internals.userDataDir, concurrency: 10 });
        extract.on("close", resolve).on("error", reject);
        createReadStream(zipPath).on("error", reject).pipe(extract);
      });
      await unlink(zipPath);
    }

    async backup(): Promise<void> {
      await this.internals.storeRemoteSession();
    }
  }
  return new GatewayRemoteAuth({ ...options }) as unknown as SessionAuth;
}

// --- Internal helpers ---

interface Unzipper {
  Extract(options: { path: string; concurrency?: number }): NodeJS.WritableStream & NodeJS.EventEmitter;
}

/** unzipper is whatsapp-web.js's (optional) dependency, not ours: resolve it from there. */
function unzipper(): Unzipper {
  const wwebjs = createRequire(import.meta.url).resolve("whatsapp-web.js");
  return createRequire(wwebjs)("unzipper") as Unzipper;
}
