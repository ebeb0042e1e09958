/**
 * Streaming Zstandard decompression for `.zst` inputs.
 *
 * Node 20 has no zstd in `node:zlib` (it arrived in Node 22.15/23.8), so this wraps `fzstd`: a
 * maintained, dependency-free, pure-JS decoder with a push-style streaming API. It is a Transform,
 * so `.zst` inputs stream like `.gz` ones: memory holds one window, not the file.
 *
 * Errors carry `code: 'ZSTD_TRUNCATED'` (the input ended inside a frame) or `'ZSTD_DATA_ERROR'`
 * (anything else fzstd rejects), which read.ts turns into one-line per-file messages.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { Decompress, ZstdErrorCode, type ZstdError } from 'fzstd';

function wrap(err: unknown): NodeJS.ErrnoException {
  const z = err as ZstdError;
  const truncated = z && z.code === ZstdErrorCode.UnexpectedEOF;
  const out = new Error(truncated ? 'unexpected end of file' : (z?.message ?? String(err))) as NodeJS.ErrnoException;
  out.code = truncated ? 'ZSTD_TRUNCATED' : 'ZSTD_DATA_ERROR';
  return out;
}

export function createZstdDecompress(): Transform {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        dec.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        cb();
      } catch (e) {
        cb(wrap(e));
      }
    },
    flush(cb: TransformCallback) {
      try {
        // fzstd reports a stream cut inside a frame (or inside its header) only when told it ended.
        dec.push(new Uint8Array(0), true);
        cb();
      } catch (e) {
        cb(wrap(e));
      }
    },
  });
  const dec = new Decompress((data) => {
    // Copied: a decoded block may be a view of the decoder's own memory.
    if (data.length > 0) t.push(Buffer.from(data));
  });
  return t;
}
