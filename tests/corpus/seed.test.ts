// The seed report in corpus/ parsed end to end: repairs, captions, byline, headings, numbering.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/corpus/decode.ts';
import { parseMarkdownReport } from '../../src/corpus/markdown.ts';
import type { Report } from '../../src/types.ts';

const SEED_FILE = 'qijiang-2020-zhanyi.md';

async function parseSeed(): Promise<Report> {
  const bytes = await readFile(new URL(`../../corpus/${SEED_FILE}`, import.meta.url));
  return parseMarkdownReport(decodeText(bytes, SEED_FILE), SEED_FILE, 'qijiang-2020-zhanyi');
}

function paragraphContaining(report: Report, needle: string) {
  const found = report.paragraphs.filter((p) => p.text.includes(needle));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the seed report qijiang-2020-zhanyi', () => {
  it('takes its metadata from the front matter and invents nothing', async () => {
    const { paragraphs, ...meta } = await parseSeed();
    expect(paragraphs.length).toBeGreaterThan(0);
    expect(meta).toStrictEqual({
      id: 'qijiang-2020-zhanyi',
      title: '一场战疫展现的綦江担当',
      authors: ['蔡小芹'],
      medium: 'newspaper',
      origin: SEED_FILE,
    });
  });

  it('has 46 paragraphs numbered 1 to 46 in document order', async () => {
    const report = await parseSeed();
    expect(report.paragraphs.map((p) => p.n)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(report.paragraphs[2]?.text.startsWith('2020年春节前后,')).toBe(true);
    expect(report.paragraphs[45]?.text).toBe('工厂复工设消毒通道。');
  });

  it('joins 第四 and 批支援 broken by the print layout', async () => {
    const p = paragraphContaining(await parseSeed(), '第四批支援湖北医疗队');
    expect(p.n).toBe(26);
    expect(p.text.endsWith('相继派出第二批、第三批、第四批支援湖北医疗队。全区共计61名医务人员前往湖北支援。')).toBe(true);
  });

  it('joins 生产经 and 营中 broken by the print layout', async () => {
    const p = paragraphContaining(await parseSeed(), '生产经营中');
    expect(p.n).toBe(39);
    expect(p.text).toBe(
      '区经济信息委联合园区及相关街镇深入开展走访督导,指导企业做好疫情防控相关工作,并及时解决企业生产经营中遇到的实际困难。仅用了半个月的时间,全区207家规模以上企业全部复工复产。',
    );
  });

  it('joins 个体工 and 商户 broken by the print layout', async () => {
    expect(paragraphContaining(await parseSeed(), '个体工商户').n).toBe(41);
  });

  it('joins 消毒和 and 体温检测 broken by the print layout', async () => {
    expect(paragraphContaining(await parseSeed(), '消毒和体温检测').n).toBe(42);
  });

  it('joins 打赢 and 仗、零感染 broken by the print layout', async () => {
    const p = paragraphContaining(await parseSeed(), '打赢仗、零感染');
    expect(p.n).toBe(30);
    expect(p.text.endsWith('实现了“打赢仗、零感染”的目标。他们用实际行动兑现着承诺,不负患者“生命之托”。')).toBe(true);
  });

  it('leaves no body paragraph ending mid-sentence', async () => {
    const report = await parseSeed();
    const unfinished = report.paragraphs
      .filter((p) => p.kind === 'body')
      .filter((p) => !/[。;…”]$/u.test(p.text))
      .map((p) => p.text);
    expect(unfinished).toEqual([]);
  });

  it('keeps the list items that end in ; as separate paragraphs', async () => {
    const report = await parseSeed();
    expect(report.paragraphs.slice(7, 10).map((p) => p.text.slice(0, 6))).toEqual([
      '1月23日,',
      '1月24日,',
      '1月25日,',
    ]);
  });

  it('reads all 8 photo captions with their credits exactly as written', async () => {
    const captions = (await parseSeed()).paragraphs
      .filter((p) => p.kind === 'caption')
      .map((p) => [p.n, p.text, p.credit]);
    expect(captions).toEqual([
      [1, '渝黔高速安稳路口检查点,工作人员正在为过往人员测体温。', '通讯员 罗文 摄'],
      [2, '我区支援湖北医疗队队员结束集中休养回到綦江。', '记者 陈星宇 摄'],
      [32, '出征湖北的医生临行前剪去长发。', '通讯员 陶涵 摄'],
      [33, '区中医院一护士长出征前注射“胸腺法新”提高免疫力。', '通讯员 陶涵 摄'],
      [34, '我区第四批援鄂医疗队队员在大巴车上向大家挥手告别。', '记者 陈星宇 摄'],
      [44, '民兵快递小分队给密切接触者隔离人家送种子和化肥。', '通讯员 蒋焯 摄'],
      [45, '青年志愿者给一线医务人员家属送蔬菜。', '记者 陈星宇 摄'],
      [46, '工厂复工设消毒通道。', '通讯员 熊伟 摄'],
    ]);
  });

  it('leaves no credit in any paragraph text', async () => {
    const report = await parseSeed();
    expect(report.paragraphs.filter((p) => p.text.endsWith('摄'))).toEqual([]);
  });

  it('removes the byline 文/记者 蔡小芹 from the body text', async () => {
    const report = await parseSeed();
    expect(report.paragraphs.filter((p) => p.text.includes('蔡小芹'))).toEqual([]);
    expect(report.paragraphs[42]?.text.endsWith('工业投资增长30.1%,高出全市平均水平24.3个百分点。')).toBe(
      true,
    );
  });

  it('turns the Markdown headings into heading paragraphs', async () => {
    const headings = (await parseSeed()).paragraphs
      .filter((p) => p.kind === 'heading')
      .map((p) => [p.n, p.text, p.heading]);
    expect(headings).toEqual([
      [5, '一场战疫展现的綦江担当', undefined],
      [6, '有速度', undefined],
      [7, '推出系列“硬核”举措', '有速度'],
      [14, '有力', undefined],
      [15, '党员群众共筑防疫城墙', '有力'],
      [23, '有温度', undefined],
      [24, '61名医疗队员驰援湖北', '有温度'],
      [35, '有强度', undefined],
      [36, '防控发展“两不误”', '有强度'],
    ]);
  });

  it('gives each paragraph the heading path above it, without the title', async () => {
    const report = await parseSeed();
    const headingOf = (n: number) => report.paragraphs[n - 1]?.heading;
    expect([1, 2, 3, 4].map(headingOf)).toEqual([undefined, undefined, undefined, undefined]);
    expect(headingOf(8)).toBe('有速度 › 推出系列“硬核”举措');
    expect(headingOf(22)).toBe('有力 › 党员群众共筑防疫城墙');
    expect(headingOf(32)).toBe('有温度 › 61名医疗队员驰援湖北');
    expect(headingOf(46)).toBe('有强度 › 防控发展“两不误”');
  });

  it('keeps half-width commas and all other characters as written', async () => {
    const p = (await parseSeed()).paragraphs[3];
    expect(p?.text.startsWith('在此基础上,我区统筹推进疫情防控和经济社会发展工作,')).toBe(true);
  });
});
