// The index's on-disk forms: compressed files, 32-bit arrays and packed UTF-16 texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { compress, float64Of, uint32Of } from '../../src/index/codec.ts';
import { PackedTexts } from '../../src/index/texts.ts';

describe('index file codecs', () => {
  it('compresses bytes as raw deflate', () => {
    const bytes = Buffer.from('疫情防控'.repeat(100), 'utf8');
    const packed = compress(bytes);
    expect(packed.byteLength).toBeLessThan(bytes.byteLength / 10);
    expect(inflateRawSync(packed)).toEqual(bytes);
  });

  it('reads 32-bit integers from a buffer, copying one that is not aligned', () => {
    const source = Buffer.from(Uint32Array.of(7, 0xffffffff).buffer);
    const unaligned = Buffer.concat([Buffer.of(0), source]).subarray(1);
    expect([...uint32Of(source)]).toEqual([7, 0xffffffff]);
    expect([...uint32Of(unaligned)]).toEqual([7, 0xffffffff]);
    expect(() => uint32Of(Buffer.of(1, 2, 3))).toThrow('not a multiple of 4');
  });

  it('reads 64-bit floats from a buffer, copying one that is not aligned', () => {
    const source = Buffer.from(Float64Array.of(20200124, -1, 0.5).buffer);
    const unaligned = Buffer.concat([Buffer.of(0, 0, 0, 0), source]).subarray(4);
    expect([...float64Of(source)]).toEqual([20200124, -1, 0.5]);
    expect([...float64Of(unaligned)]).toEqual([20200124, -1, 0.5]);
    expect(() => float64Of(Buffer.alloc(12))).toThrow('not a multiple of 8');
  });
});

describe('PackedTexts', () => {
  it('packs strings into one buffer and gives each back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (strings) => {
        const packed = PackedTexts.of(strings);
        expect(packed.count).toBe(strings.length);
        expect(strings.map((_, i) => packed.get(i))).toEqual(strings);
        expect(packed.totalLength).toBe(strings.join('').length);
        const reread = new PackedTexts(Buffer.from(packed.bytes), Uint32Array.from(packed.starts));
        expect(strings.map((_, i) => reread.get(i))).toEqual(strings);
      }),
      { numRuns: 300 },
    );
  });

  it('finds and counts a needle as String.prototype.includes and indexOf do', () => {
    const alphabet = fc.constantFrom('疫', '情', '防', '控', 'a', '😷');
    const text = fc.array(alphabet, { maxLength: 12 }).map((units) => units.join(''));
    const needle = fc.array(alphabet, { minLength: 1, maxLength: 3 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), needle, (strings, word) => {
        const packed = PackedTexts.of(strings);
        strings.forEach((string, i) => {
          let count = 0;
          for (let at = string.indexOf(word); at !== -1; at = string.indexOf(word, at + 1)) count++;
          expect(packed.includes(i, word)).toBe(string.includes(word));
          for (let key = 0; key < word.length; key++) {
            expect(packed.includesByUnit(i, word, key)).toBe(string.includes(word));
          }
          expect(packed.countOf(i, word)).toBe(count);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('does not find a needle across the end of one string and the start of the next', () => {
    const packed = PackedTexts.of(['疫情', '防控']);
    expect(packed.includes(0, '情防')).toBe(false);
    expect(packed.includes(1, '情防')).toBe(false);
    expect(packed.countOf(0, '疫情防控')).toBe(0);
    for (const key of [0, 1]) {
      expect(packed.includesByUnit(0, '情防', key)).toBe(false);
      expect(packed.includesByUnit(1, '情防', key)).toBe(false);
    }
    // The unit searched for is found only in the next string, or not after this one at all.
    expect(PackedTexts.of(['疫情', '防疫控']).includesByUnit(0, '疫控', 1)).toBe(false);
    expect(PackedTexts.of(['疫情', '防控']).includesByUnit(0, '疫控', 1)).toBe(false);
    expect(PackedTexts.of(['疫', '情']).includesByUnit(1, '疫情', 0)).toBe(false);
  });

  it('refuses starts that do not fit the text', () => {
    expect(() => new PackedTexts(Buffer.alloc(4), Uint32Array.of(0, 1))).toThrow('do not match');
    expect(() => new PackedTexts(Buffer.alloc(3), Uint32Array.of(0, 1))).toThrow('odd number');
    expect(() => new PackedTexts(Buffer.alloc(4), Uint32Array.of(0, 2, 1, 2))).toThrow('not ascending');
  });
});
