// Posting lists that a loaded index keeps as varints and decodes one list at a time, on first use.

/**
 * Sorted id lists in compressed-sparse-row form: list k is `ids[offsets[k] .. offsets[k+1]]`, with
 * an optional frequency byte per id. A built archive has every list decoded. A loaded archive
 * starts with none decoded: each list stays as varint gaps until a query asks for it, so that
 * start-up does not decode hundreds of millions of ids, and memory grows only with the lists that
 * are used. (`ids` is allocated whole but untouched pages of a zeroed buffer take no memory.)
 */
export class PostingLists {
  private readonly decoded: Uint8Array | null;

  private constructor(
    readonly offsets: Uint32Array,
    private readonly allIds: Uint32Array,
    private readonly tf: Uint8Array | null,
    private readonly encoded: EncodedLists | null,
  ) {
    this.decoded = encoded === null ? null : new Uint8Array(offsets.length - 1);
  }

  /** Lists already in memory (a fresh build). */
  static of(offsets: Uint32Array, ids: Uint32Array, tf: Uint8Array | null = null): PostingLists {
    checkOffsets(offsets, ids.length);
    if (tf !== null && tf.length !== ids.length) throw new Error('frequencies and ids differ in length');
    return new PostingLists(offsets, ids, tf, null);
  }

  /**
   * Lists as saved by {@link encode}: varint gaps (and frequencies, when `withFrequencies`) with
   * each list's byte offset, decoded when first asked for.
   */
  static lazy(offsets: Uint32Array, encoded: EncodedLists, withFrequencies = false): PostingLists {
    const total = offsets[offsets.length - 1] ?? 0;
    checkOffsets(offsets, total);
    if (encoded.byteOffsets.length !== offsets.length) throw new Error('list byte offsets do not match the lists');
    if ((encoded.byteOffsets[encoded.byteOffsets.length - 1] ?? 0) !== encoded.bytes.length) {
      throw new Error('list byte offsets do not match the varint bytes');
    }
    const tf = withFrequencies ? new Uint8Array(total) : null;
    return new PostingLists(offsets, new Uint32Array(total), tf, encoded);
  }

  /** Number of lists. */
  get count(): number {
    return this.offsets.length - 1;
  }

  /** Number of ids over all lists. */
  get total(): number {
    return this.allIds.length;
  }

  /** Whether list k's ids are in memory: always for a build, after its first use for a loaded index. */
  isDecoded(k: number): boolean {
    return this.decoded === null || this.decoded[k] === 1;
  }

  /** Length of list k. */
  length(k: number): number {
    return this.offsets[k + 1]! - this.offsets[k]!;
  }

  /** The ids of list k, ascending (a view: read-only by convention). */
  ids(k: number): Uint32Array {
    if (this.decoded !== null && this.decoded[k] === 0) this.decode(k);
    return this.allIds.subarray(this.offsets[k]!, this.offsets[k + 1]!);
  }

  /** The frequency bytes of list k, aligned with {@link ids}. */
  frequencies(k: number): Uint8Array {
    if (this.tf === null) throw new Error('these lists have no frequencies');
    if (this.decoded !== null && this.decoded[k] === 0) this.decode(k);
    return this.tf.subarray(this.offsets[k]!, this.offsets[k + 1]!);
  }

  /**
   * Where list k's ids will be, without decoding them: for a holder (FlexSearch's map) that hands
   * the view back later, when {@link idsOfView} decodes it.
   */
  view(k: number): Uint32Array {
    return this.allIds.subarray(this.offsets[k]!, this.offsets[k + 1]!);
  }

  /** Decodes (once) the list that `view` came from and returns it; `view` must be from {@link view}. */
  idsOfView(view: Uint32Array): Uint32Array {
    if (this.decoded === null || view.length === 0) return view;
    if (view.buffer !== this.allIds.buffer) throw new Error('the view is not of these lists');
    const start = (view.byteOffset - this.allIds.byteOffset) / 4;
    // The list whose offset is `start`: the last k with offsets[k] <= start and a non-empty list.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid + 1]! <= start) lo = mid + 1;
      else hi = mid;
    }
    if (this.offsets[lo] !== start || this.length(lo) !== view.length) throw new Error('the view is not one list');
    return this.ids(lo);
  }

  /**
   * Every list as varints, with frequencies when the lists have them, for saving (decoding nothing
   * when already encoded).
   */
  encode(): EncodedLists {
    if (this.encoded !== null) return this.encoded;
    return encodeLists(this.allIds, this.offsets, this.tf);
  }

  private decode(k: number): void {
    const { bytes, byteOffsets } = this.encoded!;
    const from = this.offsets[k]!;
    const to = this.offsets[k + 1]!;
    const ids = this.allIds;
    const tf = this.tf;
    const end = byteOffsets[k + 1]!;
    let at = byteOffsets[k]!;
    let previous = 0;
    for (let i = from; i < to; i++) {
      if (at >= end) throw new Error(`posting list ${k} ends early`);
      let byte = bytes[at++]!;
      let value = byte & 0x7f;
      let shift = 7;
      while (byte >= 0x80) {
        if (at >= end || shift > 28) throw new Error(`posting list ${k} has a varint cut short`);
        byte = bytes[at++]!;
        value |= (byte & 0x7f) << shift;
        shift += 7;
      }
      value >>>= 0;
      if (tf === null) {
        previous += value;
      } else {
        // The low bit says whether a frequency byte follows; without one the frequency is 1.
        previous += value >>> 1;
        if ((value & 1) === 0) {
          tf[i] = 1;
        } else {
          if (at >= end) throw new Error(`posting list ${k} ends early`);
          tf[i] = bytes[at++]!;
        }
      }
      ids[i] = previous;
    }
    if (at !== end) throw new Error(`posting list ${k} runs on past its length`);
    this.decoded![k] = 1;
  }
}

/**
 * Posting lists as saved: the gaps of every list as LEB128 varints, and where each list starts.
 * With frequencies, each gap is doubled and its low bit set when a frequency byte (2–255) follows
 * it: nearly every frequency is 1 and costs nothing, and a list's frequencies are decoded with its
 * ids, so that no separate frequency file has to be read at start-up.
 */
export interface EncodedLists {
  bytes: Uint8Array;
  /** `byteOffsets[k] .. byteOffsets[k+1]` are list k's bytes; one more entry than lists. */
  byteOffsets: Uint32Array;
}

/** Ids a list with frequencies can hold: below 2^31, so that a doubled gap fits 32 bits. */
export const MAX_ID_WITH_FREQUENCIES = 0x7fffffff;

/**
 * Encodes sorted lists as the varints of their gaps (7 bits a byte): gaps in posting lists are
 * mostly small, so a list takes about a quarter of its 32-bit size and decodes in one pass.
 */
export function encodeLists(ids: Uint32Array, offsets: Uint32Array, tf: Uint8Array | null = null): EncodedLists {
  const count = offsets.length - 1;
  const out = new Uint8Array(ids.length * (tf === null ? 5 : 6));
  const byteOffsets = new Uint32Array(count + 1);
  let at = 0;
  for (let k = 0; k < count; k++) {
    let previous = 0;
    for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
      let gap = ids[i]! - previous;
      previous = ids[i]!;
      const frequency = tf === null ? 1 : tf[i]!;
      if (tf !== null) {
        if (previous > MAX_ID_WITH_FREQUENCIES) throw new Error(`id ${previous} is too large for a list with frequencies`);
        gap = ((gap << 1) | (frequency > 1 ? 1 : 0)) >>> 0;
      }
      while (gap >= 0x80) {
        out[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      out[at++] = gap;
      if (frequency > 1) out[at++] = frequency;
    }
    byteOffsets[k + 1] = at;
  }
  return { bytes: out.slice(0, at), byteOffsets };
}

function checkOffsets(offsets: Uint32Array, total: number): void {
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== total) {
    throw new Error('list offsets do not match the ids');
  }
  for (let k = 1; k < offsets.length; k++) {
    if (offsets[k]! < offsets[k - 1]!) throw new Error('list offsets are not ascending');
  }
}
