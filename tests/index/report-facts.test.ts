// The title signature that lets a search skip reading titles that cannot hold its literals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayContain, unitSignature } from '../../src/index/report-facts.ts';

/** Text of Chinese, Latin, digits and astral characters (surrogate pairs), as titles hold. */
const text = fc.string({
  unit: fc.constantFrom(...'綦江疫情防控复工复产新冠肺炎武汉湖北ABCabc2020（）：、'.split(''), '𠀀', '😷'),
  maxLength: 40,
});

describe('unitSignature', () => {
  it('never says a text cannot contain what it contains', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (title, a, b) => {
        const from = title.length === 0 ? 0 : a % title.length;
        const literal = title.slice(from, from + 1 + (b % 6));
        // Any substring, even one that cuts a surrogate pair.
        fc.pre(literal.length > 0);
        expect(mayContain(unitSignature(title), unitSignature(literal))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays sound after the round trip through the unsigned report table', () => {
    fc.assert(
      fc.property(text, text, (title, literal) => {
        fc.pre(literal.length > 0);
        const stored = new Uint32Array([unitSignature(title)])[0]!;
        const may = mayContain(stored, unitSignature(literal));
        if (title.includes(literal)) expect(may).toBe(true);
        expect(may).toBe(mayContain(unitSignature(title), unitSignature(literal)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rules out most titles that lack a literal, and an empty title for any literal', () => {
    expect(mayContain(unitSignature(''), unitSignature('疫情'))).toBe(false);
    const titles = ['綦江区复工复产有序推进', '武汉市新增确诊病例', '新闻联播', '湖北省召开疫情防控会议'];
    const literals = ['肺炎', '綦江', '口罩', '医护人员', '发布会', '2020'];
    let absent = 0;
    let ruledOut = 0;
    for (const title of titles) {
      for (const literal of literals) {
        if (title.includes(literal)) continue;
        absent++;
        if (!mayContain(unitSignature(title), unitSignature(literal))) ruledOut++;
      }
    }
    // One bit in 32 per unit: a short title and a two-unit literal miss each other most of the time.
    expect(ruledOut / absent).toBeGreaterThan(0.5);
  });
});
