/** A pull-based reader over an async stream of byte chunks: lines and exact-size blocks, bounded memory. */

export const TOO_LONG: unique symbol = Symbol('too-long');

export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  private readonly it: AsyncIterator<Buffer | string | Uint8Array>;

  constructor(source: AsyncIterable<Buffer | string | Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Bytes already fetched but not consumed. */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  /** Fetch one more chunk. Returns false at end of stream. Errors from the source propagate. */
  private async fill(): Promise<boolean> {
    while (!this.done) {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        return false;
      }
      const v = r.value;
      const chunk = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (chunk.length === 0) continue;
      if (this.pos < this.buf.length) {
        // Only happens for small leftovers (peek); keep it cheap.
        this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
      } else {
        this.buf = chunk;
      }
      this.pos = 0;
      return true;
    }
    return false;
  }

  /** Look at up to n upcoming bytes without consuming them (may return fewer at EOF). */
  async peek(n: number): Promise<Buffer> {
    while (this.buffered < n && (await this.fill())) {
      /* keep filling */
    }
    return this.buf.subarray(this.pos, this.pos + n);
  }

  /**
   * Read the next line (terminator `\n` removed; a trailing `\r` is kept — callers strip it).
   * Returns null at EOF, TOO_LONG (after skipping to the end of that line) when it exceeds maxBytes.
   */
  async readLine(maxBytes: number): Promise<Buffer | typeof TOO_LONG | null> {
    const parts: Buffer[] = [];
    let total = 0;
    let tooLong = false;
    let sawAny = false;
    for (;;) {
      if (this.pos >= this.buf.length) {
        if (!(await this.fill())) {
          if (!sawAny) return null;
          return tooLong ? TOO_LONG : parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
        }
      }
      sawAny = true;
      const idx = this.buf.indexOf(10, this.pos);
      const end = idx >= 0 ? idx : this.buf.length;
      const len = end - this.pos;
      if (!tooLong) {
        if (total + len > maxBytes) {
          tooLong = true;
          parts.length = 0;
        } else if (len > 0) {
          parts.push(this.buf.subarray(this.pos, end));
          total += len;
        }
      }
      if (idx >= 0) {
        this.pos = idx + 1;
        return tooLong ? TOO_LONG : parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
      }
      this.pos = this.buf.length;
    }
  }

  /** Read exactly n bytes; returns fewer only at EOF. */
  async readExact(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    while (total < n) {
      if (this.pos >= this.buf.length && !(await this.fill())) break;
      const take = Math.min(n - total, this.buf.length - this.pos);
      parts.push(this.buf.subarray(this.pos, this.pos + take));
      this.pos += take;
      total += take;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  }

  /** Skip n bytes; returns how many were skipped. */
  async skip(n: number): Promise<number> {
    let total = 0;
    while (total < n) {
      if (this.pos >= this.buf.length && !(await this.fill())) break;
      const take = Math.min(n - total, this.buf.length - this.pos);
      this.pos += take;
      total += take;
    }
    return total;
  }

  /** Read everything left, failing with TOO_LONG once it exceeds maxBytes. */
  async readAll(maxBytes: number): Promise<Buffer | typeof TOO_LONG> {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (this.pos >= this.buf.length && !(await this.fill())) break;
      const chunk = this.buf.subarray(this.pos);
      this.pos = this.buf.length;
      total += chunk.length;
      if (total > maxBytes) return TOO_LONG;
      parts.push(chunk);
    }
    return Buffer.concat(parts, total);
  }

  /** Release the underlying stream early. */
  async close(): Promise<void> {
    if (!this.done && this.it.return) {
      this.done = true;
      try {
        await this.it.return();
      } catch {
        /* ignore */
      }
    }
  }
}
