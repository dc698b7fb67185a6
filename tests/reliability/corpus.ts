// A generated corpus for the process tests: Chinese reports built from a fixed pool of sentences.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../../src/random.ts';

/** Sentences the paragraphs are drawn from; every one is ordinary news prose. */
const SENTENCES = [
  '区里召开会议，研究部署疫情防控工作。',
  '会议强调，要把各项措施落到实处。',
  '各街镇推动企业复工复产，恢复正常生产秩序。',
  '医护人员坚守一线，连续工作多日。',
  '志愿者在社区卡口为居民测量体温。',
  '交通部门加强客运站的消毒和通风。',
  '农业农村部门组织春耕备耕，保障蔬菜供应。',
  '市场监管部门开展价格检查，严厉打击哄抬物价。',
  '学校推迟开学，学生在家通过网络上课。',
  '支援湖北医疗队队员平安归来，受到热烈欢迎。',
  '物流企业开通绿色通道，确保防疫物资及时送达。',
  '银行推出专项贷款，帮助小微企业渡过难关。',
  '社区工作者挨家挨户登记返乡人员信息。',
  '气象台预报，本周后期将有一次明显降雨过程。',
  '博物馆闭馆期间推出线上展览，吸引众多观众。',
  '记者从市卫生健康委员会获悉，新增确诊病例继续下降。',
  '工厂车间里，工人们戴着口罩有序生产。',
  '超市货架上的米面油供应充足，价格保持稳定。',
  '外卖骑手穿梭在大街小巷，把餐食送到居民手中。',
  '专家提醒，勤洗手、戴口罩、少聚集仍然十分必要。',
  '高速公路收费站设置检测点，过往车辆有序通行。',
  '乡村干部用大喇叭宣传防疫知识，群众纷纷点赞。',
  '电力公司加强巡检，保障医院和企业用电。',
  '文化馆组织书法家创作作品，致敬抗疫英雄。',
] as const;

const SOURCES = ['綦江日报', '重庆日报', '新华社', '人民日报'] as const;

/** The Markdown text of generated report `n` with `paragraphs` paragraphs of 2–4 sentences. */
export function generatedReport(n: number, paragraphs: number, random: () => number): string {
  const pick = () => SENTENCES[Math.floor(random() * SENTENCES.length)]!;
  const body = Array.from({ length: paragraphs }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, pick).join(''),
  );
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  return [
    '---',
    `id: gen-${String(n).padStart(4, '0')}`,
    `title: 第${n}期工作简报`,
    `date: 2020-${month}-${day}`,
    `source: ${SOURCES[n % SOURCES.length]}`,
    '---',
    '',
    ...body.flatMap((text) => [text, '']),
  ].join('\n');
}

/** Writes `reports` generated reports of `paragraphs` paragraphs each into `dir` (seeded). */
export async function writeGeneratedCorpus(
  dir: string,
  options: { reports: number; paragraphs: number; seed: number },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const random = seededRandom(options.seed);
  for (let n = 1; n <= options.reports; n++) {
    await writeFile(
      join(dir, `gen-${String(n).padStart(4, '0')}.md`),
      generatedReport(n, options.paragraphs, random),
    );
  }
}
