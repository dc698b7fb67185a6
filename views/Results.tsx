// The results fragment: count, how the query was read, hits, facets and pages. Also part of the full page.
import { Snippet } from './Snippet.tsx';
import type {
  FacetView,
  HitView,
  NearHitView,
  PagerView,
  ResultsView,
  ShownParagraphView,
  TitleHitView,
} from './types.ts';
import type { ReportMeta, Snippet as SnippetData } from '../src/types.ts';

/** The count line; an OOB copy keeps the live region outside the swapped results. */
export function Status({ view, oob }: { view: ResultsView | null; oob?: boolean }) {
  let text = '';
  if (view?.error) text = view.error;
  else if (view?.empty) text = view.empty;
  else if (view) text = countLine(view);
  return (
    <p id="status" class="status" role="status" hx-swap-oob={oob ? 'true' : undefined}>
      {text}
    </p>
  );
}

/** 共 n 段，来自 m 篇报道, and the title hits beside it when there are any. */
function countLine(view: ResultsView): string {
  const paragraphs = `共 ${view.total.toLocaleString('en')} 段，来自 ${view.reports.toLocaleString('en')} 篇报道`;
  return view.titles.total > 0
    ? `${paragraphs}；标题相符 ${view.titles.total.toLocaleString('en')} 篇`
    : paragraphs;
}

/** A report's title, the query's words marked; its id when it has none. */
function ReportTitle({ title, report }: { title: SnippetData; report: ReportMeta }) {
  return title.spans.length > 0 ? <Snippet snippet={title} /> : <>{report.id}</>;
}

function ShownParagraph({ shown, label }: { shown: ShownParagraphView; label: string }) {
  return (
    <p class="snippet shown">
      <Snippet snippet={shown.snippet} />{' '}
      <a class="cite-link" href={shown.paragraphHref}>
        {label}（第 {shown.paragraph} 段）
      </a>
    </p>
  );
}

const TITLE_TAGS = { exact: '标题相符', related: '标题含全部分词', near: '标题相近' } as const;

function TitleHit({ hit }: { hit: TitleHitView }) {
  const meta = [
    hit.report.source,
    hit.report.date,
    hit.percent === undefined ? '' : `相符约 ${hit.percent}%，不计入总数`,
  ].filter(Boolean);
  return (
    <li class="title-hit">
      <p class="hit-title">
        <a href={hit.reportHref}>
          <ReportTitle title={hit.title} report={hit.report} />
        </a>
        <span class="tag">{TITLE_TAGS[hit.match]}</span>
      </p>
      {hit.lead ? <ShownParagraph shown={hit.lead} label="引用导语" /> : null}
      {meta.length > 0 ? <p class="hit-meta">{meta.join(' · ')}</p> : null}
    </li>
  );
}

function Titles({ view }: { view: ResultsView }) {
  if (view.titles.hits.length === 0) return null;
  const { total, related, hits, allHref } = view.titles;
  const counts = [
    total > 0 ? `含全部检索词 ${total.toLocaleString('en')} 篇` : '',
    related > 0 ? `含全部分词 ${related.toLocaleString('en')} 篇` : '',
    hits.some((hit) => hit.match === 'near') ? '另有标题相近的' : '',
  ].filter(Boolean);
  // Only near titles: none holds what was typed, and the heading must not say they match.
  const heading =
    total + related === 0
      ? '标题相近的报道（标题不含全部检索内容；不计入总数）'
      : `标题相符的报道（${counts.join('，')}；不计入段落总数）`;
  return (
    <section
      class="title-hits"
      aria-label={total + related === 0 ? '标题相近的报道' : '标题相符的报道'}
    >
      <h2 class="related-heading">{heading}</h2>
      <ol class="hits">
        {hits.map((hit) => (
          <TitleHit hit={hit} />
        ))}
      </ol>
      {allHref ? (
        <p class="more">
          <a href={allHref}>查看全部 {total.toLocaleString('en')} 篇</a>
        </p>
      ) : null}
    </section>
  );
}

function NearHit({ hit }: { hit: NearHitView }) {
  const meta = [hit.report.source, hit.report.date, `相符约 ${hit.percent}%`].filter(Boolean);
  return (
    <li class="near-hit">
      <p class="hit-title">
        <a href={hit.reportHref}>
          <ReportTitle title={hit.title} report={hit.report} />
        </a>
        <span class="tag">{hit.where === 'title' ? '标题相近' : '段落相近'}</span>
      </p>
      {hit.paragraph ? (
        <ShownParagraph
          shown={hit.paragraph}
          label={hit.where === 'title' ? '引用导语' : '引用此段'}
        />
      ) : null}
      <p class="hit-meta">{meta.join(' · ')}</p>
    </li>
  );
}

function NearMisses({ view }: { view: ResultsView }) {
  if (view.near.length === 0) return null;
  return (
    <section class="near-hits" aria-label="相近的结果">
      <h2 class="related-heading">相近的结果（包含检索内容的大部分，但不是全部；不计入总数）</h2>
      <ol class="hits">
        {view.near.map((hit) => (
          <NearHit hit={hit} />
        ))}
      </ol>
    </section>
  );
}

function Reading({ view }: { view: ResultsView }) {
  if (view.terms.length === 0) return null;
  return (
    <p class="reading">
      分词：
      {view.terms.map((term, i) => (
        <>
          {i > 0 ? '；' : ''}
          <span class="term">{term.phrase ? `“${term.term}”` : term.term}</span>
          {term.pinyin ? (
            <> → 拼音，按 {term.pinyin.join('、')} 查找</>
          ) : term.words.length > 1 ? (
            <> → {term.words.join(' / ')}</>
          ) : null}
        </>
      ))}
      {view.excluded.length > 0 ? <>；排除：{view.excluded.join('、')}</> : null}
    </p>
  );
}

function Hit({ hit, index }: { hit: HitView; index: number }) {
  const report = hit.report;
  const meta = [report.source, report.date, hit.heading, `第 ${hit.paragraph} 段`].filter(Boolean);
  return (
    <li class={`hit${hit.match === 'exact' ? '' : ' related'}`} value={String(index)}>
      <p class="hit-title">
        <a href={hit.paragraphHref}>
          <ReportTitle title={hit.title} report={report} />
        </a>
        {hit.kind === 'heading' ? <span class="tag">标题</span> : null}
        {hit.kind === 'caption' ? <span class="tag">图片说明</span> : null}
      </p>
      <p class="snippet">
        <Snippet snippet={hit.snippet} />
      </p>
      <p class="hit-meta">
        {meta.join(' · ')} · <a href={hit.reportHref}>在全文中查看</a>
      </p>
    </li>
  );
}

function Facet({ title, facets }: { title: string; facets: FacetView[] }) {
  if (facets.length === 0) return null;
  return (
    <section class="facet" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {facets.map((facet) => (
          <li>
            {facet.href === null ? (
              <span class="facet-unknown">{facet.label}</span>
            ) : (
              <a
                href={facet.href}
                aria-current={facet.active ? 'true' : undefined}
                hx-get={facet.href}
                hx-target="#results"
                hx-push-url="true"
              >
                {facet.label}
              </a>
            )}{' '}
            <span class="count">{facet.count.toLocaleString('en')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Pager({ pager }: { pager: PagerView }) {
  const link = (href: string) => ({
    href,
    'hx-get': href,
    'hx-target': '#results',
    'hx-push-url': 'true',
  });
  return (
    <nav class="pager" aria-label="分页">
      {pager.prev ? (
        <a rel="prev" {...link(pager.prev)}>
          上一页
        </a>
      ) : null}
      {pager.pages.map((page) =>
        page.number === pager.current ? (
          <a aria-current="page" href={page.href}>
            {page.number}
          </a>
        ) : (
          <a {...link(page.href)}>{page.number}</a>
        ),
      )}
      {pager.next ? (
        <a rel="next" {...link(pager.next)}>
          下一页
        </a>
      ) : null}
    </nav>
  );
}

/** The results region's content. */
export function Results({ view }: { view: ResultsView }) {
  if (view.error) {
    return (
      <div class="notice error">
        <p>{view.error}</p>
      </div>
    );
  }
  if (view.empty) {
    return (
      <div class="notice">
        {view.notices.map((notice) => (
          <p class="notice-line">{notice}</p>
        ))}
        <p>{view.empty}</p>
        <p>
          可以输入一个词（如 <code>疫情防控</code>）、加引号的完整短语，或地名人名的拼音（如{' '}
          <code>qijiang</code>）；更多写法见搜索框下方的说明。
        </p>
      </div>
    );
  }
  const exact = view.hits.filter((hit) => hit.match === 'exact');
  const titled = view.hits.filter((hit) => hit.match === 'title');
  const related = view.hits.filter((hit) => hit.match === 'related');
  const parts = [
    view.titleTotal > 0 ? `标题补足 ${view.titleTotal.toLocaleString('en')} 段` : '',
    view.relatedTotal > 0 ? `相关 ${view.relatedTotal.toLocaleString('en')} 段` : '',
  ].filter(Boolean);
  return (
    <div class="results-layout">
      <div class="results-main">
        <p class="summary">
          <strong>{countLine(view)}</strong>
          {parts.length > 0 ? (
            <>
              （精确匹配 {view.exactTotal.toLocaleString('en')} 段，{parts.join('，')}）
            </>
          ) : null}
        </p>
        <Reading view={view} />
        {view.notices.map((notice) => (
          <p class="notice-line">{notice}</p>
        ))}
        <Titles view={view} />
        {view.total === 0 && view.titles.total + view.titles.related === 0 ? (
          <div class="notice">
            <p>
              没有找到包含这些词的段落。
              {view.titles.hits.length > 0 ? '上面列出了标题相近的报道。' : null}
              {view.near.length > 0 ? '下面是包含其中大部分内容的标题和段落。' : null}
            </p>
            <ul>
              <li>换一个更短或更常见的词，或减少同时要求的词；</li>
              <li>去掉引号，或检查是否有错别字；</li>
              <li>人名、地名可以试试拼音，例如 qijiang；</li>
              <li>放宽来源和日期筛选。</li>
            </ul>
          </div>
        ) : null}
        {view.pastEnd ? (
          <div class="notice">
            <p>
              第 {view.pastEnd.page} 页没有结果：这次检索只有 {view.pastEnd.pages} 页。
              <a href={view.pastEnd.lastHref}>转到第 {view.pastEnd.pages} 页</a>
            </p>
          </div>
        ) : null}
        {exact.length > 0 ? (
          <ol class="hits">
            {exact.map((hit, i) => (
              <Hit hit={hit} index={view.firstIndex + i} />
            ))}
          </ol>
        ) : null}
        {titled.length > 0 ? (
          <>
            <h2 class="related-heading">标题补足的段落（段落含其余的词，报道标题含其他的词）</h2>
            <ol class="hits">
              {titled.map((hit, i) => (
                <Hit hit={hit} index={view.firstIndex + exact.length + i} />
              ))}
            </ol>
          </>
        ) : null}
        {related.length > 0 ? (
          <>
            <h2 class="related-heading">相关段落（包含全部分词，但不含完整词语）</h2>
            <ol class="hits">
              {related.map((hit, i) => (
                <Hit hit={hit} index={view.firstIndex + exact.length + titled.length + i} />
              ))}
            </ol>
          </>
        ) : null}
        {view.pager ? <Pager pager={view.pager} /> : null}
        <NearMisses view={view} />
      </div>
      {view.total > 0 ? (
        <aside class="facets" aria-label="按来源和年份筛选">
          <Facet title="来源" facets={view.facets.source} />
          <Facet title="年份" facets={view.facets.year} />
        </aside>
      ) : null}
    </div>
  );
}

/** The fragment htmx swaps in: the results plus the status line out of band. */
export function ResultsFragment({ view }: { view: ResultsView }) {
  return (
    <>
      <Status view={view} oob />
      <Results view={view} />
    </>
  );
}
