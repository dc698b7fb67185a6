// How the index's arrays and texts are laid out on disk: compact, and fast to read back.
import { deflateRawSync } from 'node:zlib';

/** Compresses a file's bytes (deflate, fastest level: the build stays quick, sizes still halve). */
export function compress(bytes: Uint8Array): Buffer {
  return deflateRawSync(bytes, { level: 1 });
}

/** A typed array's bytes, without copying. */
export function bytesOf(array: Uint8Array | Uint32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** A Uint32Array over a buffer's bytes (copied only when the buffer is not 4-byte aligned). */
export function uint32Of(buffer: Buffer): Uint32Array {
  if (buffer.byteLength % 4 !== 0) throw new Error('length is not a multiple of 4');
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/** A Float64Array over a buffer's bytes (copied only when the buffer is not 8-byte aligned). */
export function float64Of(buffer: Buffer): Float64Array {
  if (buffer.byteLength % 8 !== 0) throw new Error('length is not a multiple of 8');
  const aligned = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(buffer);
  return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
}
