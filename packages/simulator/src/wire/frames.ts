import { NOISE_WA_HEADER } from "@whiskeysockets/baileys";

/** Prefix a payload with WhatsApp's 3-byte big-endian length. */
export const encodeFrame = (payload: Uint8Array): Buffer => {
  const frame = Buffer.allocUnsafe(payload.length + 3);
  frame[0] = (payload.length >>> 16) & 0xff;
  frame.writeUInt16BE(payload.length & 0xffff, 1);
  frame.set(payload, 3);
  return frame;
};

/**
 * Incremental splitter for the client's byte stream: strips the one-time "WA" intro
 * header, then yields complete length-prefixed frames.
 */
export class FrameReader {
  #buf: Buffer = Buffer.alloc(0);
  #sawIntro = false;

  push(data: Buffer): Buffer[] {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, data]) : data;
    if (!this.#sawIntro) {
      if (this.#buf.length < 4) return [];
      // Routing-info ("ED") prefixes are only sent if we ever handed out edge_routing; we never do.
      if (!this.#buf.subarray(0, 4).equals(NOISE_WA_HEADER)) throw new Error("bad WA intro header");
      this.#buf = this.#buf.subarray(4);
      this.#sawIntro = true;
    }
    const frames: Buffer[] = [];
    while (this.#buf.length >= 3) {
      const size = (this.#buf[0]! << 16) | this.#buf.readUInt16BE(1);
      if (this.#buf.length < size + 3) break;
      frames.push(this.#buf.subarray(3, size + 3));
      this.#buf = this.#buf.subarray(size + 3);
    }
    return frames;
  }
}
