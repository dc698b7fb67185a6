// How the index's arrays and texts are laid out on disk: compact, and fast to read back.
import { promisify } from 'node:util';
import { deflateRawSync, inflateRaw } from 'node:zlib';

const inflate = promisify(inflateRaw);

/** Compresses a file's bytes (deflate, fastest level: the build stays quick, sizes still halve). */
export function compress(bytes: Uint8Array): Buffer {
  return deflateRawSync(bytes, { level: 1 });
}

/** Decompresses in libuv's thread pool, so several files inflate at once on several cores. */
export async function decompress(bytes: Uint8Array): Promise<Buffer> {
  return inflate(bytes);
}

/** A typed array's bytes, without copying. */
export function bytesOf(array: Uint8Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** A Uint32Array over a buffer's bytes (copied only when the buffer is not 4-byte aligned). */
export function uint32Of(buffer: Buffer): Uint32Array {
  if (buffer.byteLength % 4 !== 0) throw new Error('length is not a multiple of 4');
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/**
 * Replaces each sorted posting list (`offsets[k] .. offsets[k+1]`) by its gaps, which are small
 * numbers and compress several times better than the ids themselves. Returns a new array.
 */
export function toGaps(postings: Uint32Array, offsets: Uint32Array): Uint32Array {
  const gaps = new Uint32Array(postings.length);
  for (let k = 0; k + 1 < offsets.length; k++) {
    let previous = 0;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
      gaps[i] = postings[i]! - previous;
      previous = postings[i]!;
    }
  }
  return gaps;
}

/** Undoes {@link toGaps}, in place. */
export function fromGaps(gaps: Uint32Array, offsets: Uint32Array): Uint32Array {
  for (let k = 0; k + 1 < offsets.length; k++) {
    let previous = 0;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
      previous += gaps[i]!;
      gaps[i] = previous;
    }
  }
  return gaps;
}

/** Strings stored as one UTF-8 text, with each string's length in bytes and in UTF-16 units. */
export interface PackedStrings {
  text: Buffer;
  byteLengths: Uint32Array;
  lengths: Uint32Array;
}

/** Packs strings into one text. Lone surrogates must already be gone (UTF-8 cannot carry them). */
export function packStrings(strings: readonly string[]): PackedStrings {
  const lengths = new Uint32Array(strings.length);
  const byteLengths = new Uint32Array(strings.length);
  strings.forEach((s, i) => {
    lengths[i] = s.length;
    byteLengths[i] = Buffer.byteLength(s, 'utf8');
  });
  return { text: Buffer.from(strings.join(''), 'utf8'), byteLengths, lengths };
}

// Decoding a group of strings at once, then slicing: V8 keeps longer slices as views of the
// group's string, so a million paragraphs cost a few large allocations, not a million copies.
// Groups stay far below V8's longest string.
const GROUP_BYTES = 16 << 20;

/** Unpacks {@link packStrings}. */
export function unpackStrings(packed: PackedStrings): string[] {
  const { text, byteLengths, lengths } = packed;
  const strings = new Array<string>(lengths.length);
  let byte = 0;
  let i = 0;
  while (i < lengths.length) {
    let end = i;
    let groupBytes = 0;
    while (end < lengths.length && (end === i || groupBytes + byteLengths[end]! <= GROUP_BYTES)) {
      groupBytes += byteLengths[end]!;
      end++;
    }
    const group = text.toString('utf8', byte, byte + groupBytes);
    let at = 0;
    for (; i < end; i++) {
      strings[i] = group.slice(at, at + lengths[i]!);
      at += lengths[i]!;
    }
    if (at !== group.length) throw new Error('the text and its lengths disagree');
    byte += groupBytes;
  }
  if (byte !== text.byteLength) throw new Error('the text and its lengths disagree');
  return strings;
}

/**
 * Writes unsigned integers as LEB128 varints (7 bits a byte). Gaps of posting lists are mostly
 * below 128, so this takes a quarter of the space of 32-bit integers and reads back in one pass,
 * faster than inflating.
 */
export function encodeVarints(values: Uint32Array): Uint8Array {
  const out = new Uint8Array(values.length * 5);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    let value = values[i]!;
    while (value >= 0x80) {
      out[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    out[at++] = value;
  }
  return out.slice(0, at);
}

/** Reads `count` varints written by {@link encodeVarints}. */
export function decodeVarints(bytes: Uint8Array, count: number): Uint32Array {
  const values = new Uint32Array(count);
  const end = bytes.length;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at >= end) throw new Error('varints end early');
    let byte = bytes[at++]!;
    if (byte < 0x80) {
      values[i] = byte;
      continue;
    }
    let value = byte & 0x7f;
    let shift = 7;
    do {
      if (at >= end || shift > 28) throw new Error('a varint is cut short or too long');
      byte = bytes[at++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    values[i] = value >>> 0;
  }
  if (at !== end) throw new Error('varints run on past their count');
  return values;
}
