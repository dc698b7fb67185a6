// `baoku search`: readable hits with the matches marked, or the JSON the web API returns.
import type { Config } from '../config.ts';
import { loadArchive } from '../index/store.ts';
import { search } from '../search/search.ts';
import type { Snippet } from '../types.ts';
import { toApiResult } from '../web/api.tsx';

function markSnippet(snippet: Snippet, tty: boolean): string {
  const body = snippet.spans
    .map((span) =>
      span.hit ? (tty ? `\x1b[7m${span.text}\x1b[0m` : `【${span.text}】`) : span.text,
    )
    .join('');
  return `${snippet.cutStart ? '…' : ''}${body}${snippet.cutEnd ? '…' : ''}`;
}

/** Runs one search against the saved index; resolves to the exit code. */
export async function runSearch(
  config: Config,
  query: string,
  options: { limit: number; offset: number; sort: 'relevance' | 'date'; json: boolean },
): Promise<number> {
  const { archive } = await loadArchive(config.indexDir);
  const result = search(archive, query, options);
  if (options.json) {
    console.log(JSON.stringify(toApiResult(result, { baseUrl: '', accessed: today() }), null, 2));
    return 0;
  }
  const tty = process.stdout.isTTY === true;
  for (const notice of result.notices) console.log(`注意：${notice}`);
  if (result.empty) {
    console.log(result.empty);
    return 0;
  }
  const readings = result.terms
    .map(
      (t) =>
        `${t.term} → ${t.pinyin ? `拼音：${t.pinyin.join('、')}` : t.words.join('/') || t.term}`,
    )
    .join('；');
  const titled = result.titleTotal > 0 ? `，标题补足 ${result.titleTotal}` : '';
  const titles = result.titles.total + result.titles.related;
  console.log(
    `共 ${result.total} 段（精确 ${result.exactTotal}${titled}，相关 ${result.relatedTotal}），来自 ${result.reports} 篇报道` +
      `${titles > 0 ? `；标题相符 ${titles} 篇` : ''}。分词：${readings}`,
  );
  for (const hit of result.titles.hits) {
    const meta = [hit.report.source, hit.report.date, TITLE_TAGS[hit.match]].filter(Boolean);
    const share = hit.share === undefined ? '' : `，相符约 ${Math.round(hit.share * 100)}%`;
    console.log(
      `\n标题：${markSnippet(hit.title, tty)}（${meta.join(' · ')}${share}）\n   /r/${encodeURIComponent(hit.reportId)}`,
    );
  }
  result.hits.forEach((hit, i) => {
    const meta = [
      hit.report.title ?? hit.reportId,
      hit.report.source,
      hit.report.date,
      `第 ${hit.paragraph} 段`,
    ]
      .filter(Boolean)
      .join(' · ');
    const tag = hit.match === 'related' ? ' [相关]' : hit.match === 'title' ? ' [标题补足]' : '';
    console.log(
      `\n${result.offset + i + 1}. ${meta}${tag}\n   ${markSnippet(hit.snippet, tty)}\n   /p/${encodeURIComponent(hit.reportId)}/${hit.paragraph}`,
    );
  });
  if (result.near.length > 0) console.log('\n相近的结果（不含全部检索内容，不计入总数）：');
  for (const hit of result.near) {
    const where = hit.paragraph === null ? '' : `\n   ${markSnippet(hit.paragraph.snippet, tty)}`;
    const path =
      hit.where === 'paragraph' && hit.paragraph !== null
        ? `/p/${encodeURIComponent(hit.reportId)}/${hit.paragraph.paragraph}`
        : `/r/${encodeURIComponent(hit.reportId)}`;
    console.log(
      `\n- ${markSnippet(hit.title, tty)}（${[hit.report.source, hit.report.date].filter(Boolean).join(' · ')}，相符约 ${Math.round(hit.share * 100)}%）${where}\n   ${path}`,
    );
  }
  return 0;
}

const TITLE_TAGS = { exact: '标题相符', related: '标题含全部分词', near: '标题相近' } as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
