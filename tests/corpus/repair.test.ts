// Print-layout repair: which paragraphs count as cut mid-sentence, and how they are rejoined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsMidSentence, joinBrokenParagraphs } from '../../src/corpus/repair.ts';
import type { ParagraphKind } from '../../src/types.ts';

const body = (text: string) => ({ kind: 'body' as const, text });

describe('endsMidSentence', () => {
  it.each(['生产经', '个体工', '打赢', '第四', '相关工作,', '分批次、', 'COVID-19'])(
    'says %s ends mid-sentence',
    (text) => {
      expect(endsMidSentence(text)).toBe(true);
    },
  );

  it.each([
    '复工复产。',
    '切实做好疫情防控工作;',
    '暂停活禽交易和宰杀；',
    '做记录……',
    '守好“前哨关”。”',
    '他说：',
    '真的吗？',
    '加油!',
    '(含万盛经开区)',
    '《人民日报》',
    '这就是——',
    '结束。  \u3000',
  ])('says %s ends a paragraph', (text) => {
    expect(endsMidSentence(text)).toBe(false);
  });
});

describe('joinBrokenParagraphs', () => {
  it('joins 生产经 and 营中 broken by the print layout', () => {
    expect(joinBrokenParagraphs([body('解决企业生产经'), body('营中遇到的实际困难。')])).toEqual([
      body('解决企业生产经营中遇到的实际困难。'),
    ]);
  });

  it('keeps joining until the sentence ends', () => {
    expect(joinBrokenParagraphs([body('甲'), body('乙'), body('丙。'), body('丁。')])).toEqual([
      body('甲乙丙。'),
      body('丁。'),
    ]);
  });

  it('does not join list items that end in ;', () => {
    const items = [body('1月23日,召开会议;'), body('1月24日,暂停活禽交易;')];
    expect(joinBrokenParagraphs(items)).toEqual(items);
  });

  it('does not join Markdown list items', () => {
    const items = [body('- 苹果'), body('- 香蕉')];
    expect(joinBrokenParagraphs(items)).toEqual(items);
  });

  it('does not join across a heading or into a caption', () => {
    const paragraphs = [
      body('没有句号'),
      { kind: 'heading' as const, text: '小标题' },
      body('又没有句号'),
      { kind: 'caption' as const, text: '图片说明', credit: '记者 张三 摄' },
    ];
    expect(joinBrokenParagraphs(paragraphs)).toEqual(paragraphs);
  });

  it('does not join a heading or caption with the body after it', () => {
    const paragraphs = [
      { kind: 'heading' as const, text: '有速度' },
      body('正文。'),
      { kind: 'caption' as const, text: '图片说明', credit: '记者 张三 摄' },
      body('正文。'),
    ];
    expect(joinBrokenParagraphs(paragraphs)).toEqual(paragraphs);
  });

  it('never adds, drops or reorders characters', () => {
    const kind = fc.constantFrom<ParagraphKind>('body', 'body', 'heading', 'caption');
    const text = fc.string({ unit: fc.constantFrom('甲', '乙', '。', ';', ',', ' ', 'a'), minLength: 1 });
    fc.assert(
      fc.property(fc.array(fc.record({ kind, text })), (paragraphs) => {
        const joined = joinBrokenParagraphs(paragraphs);
        expect(joined.map((p) => p.text).join('')).toBe(paragraphs.map((p) => p.text).join(''));
        expect(joined.length).toBeLessThanOrEqual(paragraphs.length);
      }),
    );
  });
});
