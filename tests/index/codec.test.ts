import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeVarints,
  encodeVarints,
  fromGaps,
  packStrings,
  toGaps,
  unpackStrings,
} from '../../src/index/codec.ts';

describe('index file codecs', () => {
  it('writes small numbers as one byte and reads every 32-bit number back', () => {
    expect([...encodeVarints(Uint32Array.of(0, 127, 128, 0xffffffff))]).toEqual([
      0, 127, 0x80, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f,
    ]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff })), (values) => {
        const array = Uint32Array.from(values);
        expect([...decodeVarints(encodeVarints(array), array.length)]).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses varints that are cut short or run on', () => {
    const bytes = encodeVarints(Uint32Array.of(1, 300));
    expect(() => decodeVarints(bytes.subarray(0, bytes.length - 1), 2)).toThrow('cut short');
    expect(() => decodeVarints(bytes, 1)).toThrow('run on past their count');
    expect(() => decodeVarints(bytes, 3)).toThrow('end early');
  });

  it('turns sorted posting lists into gaps and back', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat({ max: 1_000_000 }))), (lists) => {
        const sorted = lists.map((list) => [...list].sort((a, b) => a - b));
        const offsets = new Uint32Array(sorted.length + 1);
        sorted.forEach((list, k) => {
          offsets[k + 1] = offsets[k]! + list.length;
        });
        const postings = Uint32Array.from(sorted.flat());
        expect([...fromGaps(toGaps(postings, offsets), offsets)]).toEqual(sorted.flat());
      }),
      { numRuns: 300 },
    );
  });

  it('packs strings into one text and slices them back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (strings) => {
        expect(unpackStrings(packStrings(strings))).toEqual(strings);
      }),
      { numRuns: 300 },
    );
  });
});
