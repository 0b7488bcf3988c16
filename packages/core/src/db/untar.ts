import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";

const BLOCK = 512;

/**
 * Writes the directories and regular files of an uncompressed ustar archive under `dir`. Only what PGlite's
 * `dumpDataDir("none")` produces is accepted (names within 100 + 155 bytes, no links or pax headers);
 * anything else throws, so a caller can fall back to PGlite's own loader.
 */
export async function untar(archive: Uint8Array, dir: string): Promise<void> {
  const root = resolve(dir);
  const text = new TextDecoder();
  const field = (at: number, length: number) => text.decode(archive.subarray(at, at + length)).replace(/\0.*$/s, "");
  for (let at = 0; at + BLOCK <= archive.length;) {
    if (archive[at] === 0) break; // the two zero blocks that end the archive
    const prefix = field(at + 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(at, 100);
    const size = Number.parseInt(field(at + 124, 12).trim() || "0", 8);
    const type = field(at + 156, 1) || "0";
    const target = resolve(join(root, name));
    if (relative(root, target).startsWith("..")) throw new Error(`tar entry outside the folder: ${name}`);
    const body = at + BLOCK;
    if (type === "5") await mkdir(target, { recursive: true });
    else if (type === "0") {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, archive.subarray(body, body + size), { mode: 0o600 });
    } else throw new Error(`unsupported tar entry type ${type} for ${name}`);
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
}
