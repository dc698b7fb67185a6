// Markdown and text bodies: paragraphs, line joining, headings, captions and bylines.
import { describe, expect, it } from 'vitest';
import { parseMarkdownReport } from '../../src/corpus/markdown.ts';
import { CorpusError } from '../../src/errors.ts';
import type { Paragraph } from '../../src/types.ts';

function paragraphsOf(text: string): Paragraph[] {
  return parseMarkdownReport(text, 'test.md', 'test').paragraphs;
}

function textsOf(text: string): string[] {
  return paragraphsOf(text).map((p) => p.text);
}

describe('paragraphs and lines', () => {
  it('separates paragraphs at blank lines, including lines of spaces and U+3000', () => {
    expect(textsOf('第一段。\n\n第二段。\n \t\n第三段。\n\u3000\u3000\n第四段。')).toEqual([
      '第一段。',
      '第二段。',
      '第三段。',
      '第四段。',
    ]);
  });

  it('joins the lines of a Chinese paragraph without adding a character', () => {
    expect(textsOf('疫情就是命令,\n防控就是责任。')).toEqual(['疫情就是命令,防控就是责任。']);
  });

  it('joins a two-space hard break without adding a character', () => {
    expect(textsOf('全区上下一心、  \n勠力同心。')).toEqual(['全区上下一心、勠力同心。']);
  });

  it('trims leading spaces of continuation lines and trailing spaces of every line', () => {
    expect(textsOf('全区上下一心、 \u3000\n  \u3000勠力同心。\t')).toEqual(['全区上下一心、勠力同心。']);
  });

  it('keeps a space where a line break falls between two Latin words', () => {
    expect(textsOf('COVID-19\nvaccine 接种。')).toEqual(['COVID-19 vaccine 接种。']);
  });

  it('drops Markdown thematic breaks instead of joining them to the text', () => {
    expect(textsOf('甲。\n\n---\n\n乙\n* * *\n丙。')).toEqual(['甲。', '乙丙。']);
  });

  it('numbers paragraphs from 1 and marks them body', () => {
    expect(paragraphsOf('甲。\n\n乙。')).toEqual([
      { n: 1, kind: 'body', text: '甲。' },
      { n: 2, kind: 'body', text: '乙。' },
    ]);
  });

  it('treats a .txt body exactly like Markdown', () => {
    const report = parseMarkdownReport('甲。\n\n乙。', 'a/b.txt', 'a/b');
    expect(report.paragraphs.map((p) => p.text)).toEqual(['甲。', '乙。']);
    expect(report.id).toBe('a/b');
    expect(report.origin).toBe('a/b.txt');
  });

  it('rejects a file with front matter but no paragraphs', () => {
    expect(() => parseMarkdownReport('---\nid: x\n---\n\n  \n', 'x.md', 'x')).toThrow(
      'baoku: cannot read x.md: no paragraphs of text',
    );
  });

  it('rejects a file with no paragraphs as a CorpusError', () => {
    expect(() => parseMarkdownReport('---\n---\n', 'x.md', 'x')).toThrow(CorpusError);
  });
});

describe('headings', () => {
  it('makes # lines heading paragraphs without the #s', () => {
    expect(paragraphsOf('### 有速度 ###\n正文。')).toEqual([
      { n: 1, kind: 'heading', text: '有速度' },
      { n: 2, kind: 'body', text: '正文。', heading: '有速度' },
    ]);
  });

  it('builds the heading path from nested headings and closes them at the same level', () => {
    const doc = '### 有速度\n\n#### 推出举措\n\n甲。\n\n### 有力\n\n乙。\n\n##### 深层\n\n丙。';
    expect(paragraphsOf(doc).map((p) => [p.text, p.heading])).toEqual([
      ['有速度', undefined],
      ['推出举措', '有速度'],
      ['甲。', '有速度 › 推出举措'],
      ['有力', undefined],
      ['乙。', '有力'],
      ['深层', '有力'],
      ['丙。', '有力 › 深层'],
    ]);
  });

  it('keeps a heading equal to the title as a paragraph but out of the heading path', () => {
    const report = parseMarkdownReport('---\ntitle: 总标题\n---\n# 总标题\n\n## 小标题\n\n正文。', 'a.md', 'a');
    expect(report.paragraphs).toEqual([
      { n: 1, kind: 'heading', text: '总标题' },
      { n: 2, kind: 'heading', text: '小标题' },
      { n: 3, kind: 'body', text: '正文。', heading: '小标题' },
    ]);
  });

  it('takes the first level-1 or level-2 heading as the title when the front matter has none', () => {
    const report = parseMarkdownReport('## 主标题\n\n### 小节\n\n正文。\n\n## 其他', 'a.md', 'a');
    expect(report.title).toBe('主标题');
    expect(report.paragraphs.map((p) => [p.text, p.heading])).toEqual([
      ['主标题', undefined],
      ['小节', undefined],
      ['正文。', '小节'],
      ['其他', undefined],
    ]);
  });

  it('leaves the title undefined when there is neither front matter title nor top heading', () => {
    expect(parseMarkdownReport('### 小标题\n\n正文。', 'a.md', 'a').title).toBeUndefined();
  });

  it('does not take #hashtag without a space for a heading', () => {
    expect(paragraphsOf('#话题 讨论。')).toEqual([{ n: 1, kind: 'body', text: '#话题 讨论。' }]);
  });
});

describe('photo captions', () => {
  it('splits a credit written at the end of the caption line', () => {
    expect(paragraphsOf('队员回到綦江。记者 陈星宇 摄')).toEqual([
      { n: 1, kind: 'caption', text: '队员回到綦江。', credit: '记者 陈星宇 摄' },
    ]);
  });

  it('splits a credit on its own line after a hard break', () => {
    expect(paragraphsOf('工作人员正在测体温。  \n通讯员 罗文 摄')).toEqual([
      { n: 1, kind: 'caption', text: '工作人员正在测体温。', credit: '通讯员 罗文 摄' },
    ]);
  });

  it('splits a credit on its own line even when the caption has no final punctuation', () => {
    expect(paragraphsOf('工作人员正在测体温\n通讯员 罗文 摄')).toEqual([
      { n: 1, kind: 'caption', text: '工作人员正在测体温', credit: '通讯员 罗文 摄' },
    ]);
  });

  it('attaches a credit paragraph to the caption paragraph right before it', () => {
    expect(paragraphsOf('医生剪去长发。\n\n通讯员 陶涵 摄\n\n正文。')).toEqual([
      { n: 1, kind: 'caption', text: '医生剪去长发。', credit: '通讯员 陶涵 摄' },
      { n: 2, kind: 'body', text: '正文。' },
    ]);
  });

  it('keeps a credit after a heading as a caption whose text is the credit', () => {
    expect(paragraphsOf('### 图片\n\n记者 陈星宇 摄')).toEqual([
      { n: 1, kind: 'heading', text: '图片' },
      { n: 2, kind: 'caption', text: '记者 陈星宇 摄', credit: '记者 陈星宇 摄', heading: '图片' },
    ]);
  });

  it('keeps a credit at the start of the text as a caption whose text is the credit', () => {
    expect(paragraphsOf('通讯员 陶涵 摄')).toEqual([
      { n: 1, kind: 'caption', text: '通讯员 陶涵 摄', credit: '通讯员 陶涵 摄' },
    ]);
  });

  it('does not attach a second credit to a caption that already has one', () => {
    expect(paragraphsOf('甲图。通讯员 陶涵 摄\n\n记者 王五 摄')).toEqual([
      { n: 1, kind: 'caption', text: '甲图。', credit: '通讯员 陶涵 摄' },
      { n: 2, kind: 'caption', text: '记者 王五 摄', credit: '记者 王五 摄' },
    ]);
  });

  it.each([
    ['图/记者 张三 摄'],
    ['图／通讯员 李四 摄'],
    ['摄影记者 王小五 摄'],
    ['摄影 赵六摄'],
    ['图 阿依·买买提 摄'],
    ['通讯员\u3000罗文\u3000摄'],
    ['记者陈星宇摄'],
  ])('recognises the credit %s', (credit) => {
    expect(paragraphsOf(`图片说明。${credit}`)).toEqual([
      { n: 1, kind: 'caption', text: '图片说明。', credit },
    ]);
  });

  it('does not take words ending in 摄 inside a sentence for a credit', () => {
    expect(paragraphsOf('这张图片由王五摄')).toEqual([{ n: 1, kind: 'body', text: '这张图片由王五摄' }]);
  });
});

describe('bylines', () => {
  it('takes the authors from a 文/记者 byline on its own line and removes it', () => {
    const report = parseMarkdownReport('正文。  \n文/记者 蔡小芹', 'a.md', 'a');
    expect(report.authors).toEqual(['蔡小芹']);
    expect(report.paragraphs).toEqual([{ n: 1, kind: 'body', text: '正文。' }]);
  });

  it('takes a byline written at the end of a paragraph', () => {
    const report = parseMarkdownReport('正文。文／记者 张三', 'a.md', 'a');
    expect(report.authors).toEqual(['张三']);
    expect(report.paragraphs.map((p) => p.text)).toEqual(['正文。']);
  });

  it('drops a byline paragraph entirely', () => {
    const report = parseMarkdownReport('正文。\n\n文/记者 张三 李四\n\n后记。', 'a.md', 'a');
    expect(report.authors).toEqual(['张三', '李四']);
    expect(report.paragraphs.map((p) => [p.n, p.text])).toEqual([
      [1, '正文。'],
      [2, '后记。'],
    ]);
  });

  it('reads several names separated by 、 and several roles', () => {
    expect(parseMarkdownReport('正文。\n\n文/记者 张三、李四 通讯员 王五', 'a.md', 'a').authors).toEqual([
      '张三',
      '李四',
      '王五',
    ]);
  });

  it('prefers the front matter authors but still removes the byline', () => {
    const report = parseMarkdownReport('---\nauthors: 李编辑\n---\n正文。\n文/记者 张三', 'a.md', 'a');
    expect(report.authors).toEqual(['李编辑']);
    expect(report.paragraphs.map((p) => p.text)).toEqual(['正文。']);
  });

  it('leaves authors empty when nothing names them', () => {
    expect(parseMarkdownReport('记者 张三 报道。', 'a.md', 'a').authors).toEqual([]);
  });

  it('does not take 中文/英文 inside a sentence for a byline', () => {
    const report = parseMarkdownReport('界面分为中文/英文', 'a.md', 'a');
    expect(report.authors).toEqual([]);
    expect(report.paragraphs.map((p) => p.text)).toEqual(['界面分为中文/英文']);
  });
});
