// Paragraph texts packed in one UTF-16 buffer: loaded without decoding, compared without copying.

/**
 * Many strings in one buffer of UTF-16LE code units, string i at `starts[i] .. starts[i+1]`.
 * UTF-16 is JavaScript's own string form, so a saved buffer is used as read (no decoding of
 * hundreds of megabytes at start-up), a string is made by copying its units, and a substring check
 * compares units in place without making a string at all. For Chinese it is also smaller than
 * UTF-8 (two bytes a character, not three).
 */
export class PackedTexts {
  /** The code units (a view of `bytes`). */
  private readonly units: Uint16Array;

  constructor(
    /** UTF-16LE bytes; little-endian like every typed array this index saves. */
    readonly bytes: Buffer,
    /** Where each string starts, in code units; one more entry than strings. */
    readonly starts: Uint32Array,
  ) {
    if (bytes.byteLength % 2 !== 0) throw new Error('UTF-16 text has an odd number of bytes');
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes);
    this.units = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2);
    if (starts.length === 0 || starts[0] !== 0 || starts[starts.length - 1] !== this.units.length) {
      throw new Error('text starts do not match the text');
    }
    for (let i = 1; i < starts.length; i++) {
      if (starts[i]! < starts[i - 1]!) throw new Error('text starts are not ascending');
    }
  }

  /** Packs `strings`, writing each into one buffer (never joining them into one huge string). */
  static of(strings: readonly string[]): PackedTexts {
    const starts = new Uint32Array(strings.length + 1);
    for (let i = 0; i < strings.length; i++) starts[i + 1] = starts[i]! + strings[i]!.length;
    const bytes = Buffer.allocUnsafe(starts[strings.length]! * 2);
    for (let i = 0; i < strings.length; i++) bytes.write(strings[i]!, starts[i]! * 2, 'utf16le');
    return new PackedTexts(bytes, starts);
  }

  /** Number of strings. */
  get count(): number {
    return this.starts.length - 1;
  }

  /** Code units over all strings. */
  get totalLength(): number {
    return this.units.length;
  }

  /** String i. */
  get(i: number): string {
    return this.bytes.toString('utf16le', this.starts[i]! * 2, this.starts[i + 1]! * 2);
  }

  /** Length of string i in code units. */
  length(i: number): number {
    return this.starts[i + 1]! - this.starts[i]!;
  }

  /** Whether string i contains `needle` (non-empty). */
  includes(i: number, needle: string): boolean {
    return this.indexOf(i, needle, 0) !== -1;
  }

  /**
   * Whether string i contains `needle` (non-empty), found by looking for its unit at `key` with
   * the typed array's own search, a quarter faster here than comparing unit by unit in a loop.
   * That search does not stop at the string's end, so `key` should be a unit common enough that
   * it never runs far past it; where the string lacks the needle it runs to the unit's next place.
   */
  includesByUnit(i: number, needle: string, key: number): boolean {
    const units = this.units;
    const unit = needle.charCodeAt(key);
    // The last place where the key unit can stand in a match that ends inside the string.
    const last = this.starts[i + 1]! - needle.length + key;
    outer: for (let at = this.starts[i]! + key; at <= last; at++) {
      at = units.indexOf(unit, at);
      if (at === -1 || at > last) return false;
      const from = at - key;
      for (let j = 0; j < needle.length; j++) {
        if (units[from + j] !== needle.charCodeAt(j)) continue outer;
      }
      return true;
    }
    return false;
  }

  /** Occurrences of `needle` (non-empty) in string i, overlapping ones included. */
  countOf(i: number, needle: string): number {
    let count = 0;
    for (let at = this.indexOf(i, needle, 0); at !== -1; at = this.indexOf(i, needle, at + 1)) count++;
    return count;
  }

  /** Position of `needle` in string i at or after `from`, or -1. */
  private indexOf(i: number, needle: string, from: number): number {
    const units = this.units;
    const start = this.starts[i]!;
    const last = this.starts[i + 1]! - needle.length;
    const first = needle.charCodeAt(0);
    outer: for (let at = start + from; at <= last; at++) {
      if (units[at] !== first) continue;
      for (let j = 1; j < needle.length; j++) {
        if (units[at + j] !== needle.charCodeAt(j)) continue outer;
      }
      return at - start;
    }
    return -1;
  }
}
