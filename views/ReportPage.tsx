// A whole report: its metadata, every paragraph numbered with an anchor, captions as figures.
import { Layout } from './Layout.tsx';
import { Spans } from './Snippet.tsx';
import type { ParagraphView } from './types.ts';
import type { ReportMeta } from '../src/types.ts';

/**
 * Whether a corpus URL may become a link: only http(s). Escaping cannot make `javascript:` or
 * `data:` harmless in an href, so any other scheme is shown as text.
 */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/** The report's metadata as a definition list, unknown fields left out. */
export function ReportMetaList({ report }: { report: ReportMeta }) {
  const rows: [string, string][] = [];
  if (report.source) rows.push(['来源', report.source]);
  if (report.date) rows.push(['日期', report.date]);
  if (report.authors.length > 0) rows.push(['作者', report.authors.join('、')]);
  if (report.page) rows.push(['版次', report.page]);
  if (report.section) rows.push(['栏目', report.section]);
  return (
    <dl class="report-meta">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </>
      ))}
      {report.url ? (
        <>
          <dt>原文</dt>
          <dd>
            {isWebUrl(report.url) ? (
              <a href={report.url} rel="noopener noreferrer nofollow">
                {report.url}
              </a>
            ) : (
              report.url
            )}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One paragraph of the report body, with its number in the margin linking to itself. */
export function ReportParagraph({ paragraph }: { paragraph: ParagraphView }) {
  const number = (
    <a class="pn" href={paragraph.href} aria-label={`第 ${paragraph.n} 段的链接`}>
      {paragraph.n}
    </a>
  );
  if (paragraph.kind === 'heading') {
    return (
      <h2 id={`p${paragraph.n}`} class="para para-heading">
        {number}
        <Spans spans={paragraph.spans} />
      </h2>
    );
  }
  if (paragraph.kind === 'caption') {
    return (
      <figure id={`p${paragraph.n}`} class="para para-caption">
        {number}
        <figcaption>
          <span class="caption-label">图片说明：</span>
          <Spans spans={paragraph.spans} />
          {paragraph.credit ? <span class="credit">{paragraph.credit}</span> : null}
        </figcaption>
      </figure>
    );
  }
  return (
    <p id={`p${paragraph.n}`} class="para">
      {number}
      <Spans spans={paragraph.spans} />
    </p>
  );
}

/** `/r/:id`: the whole report. */
export function ReportPage(props: {
  report: ReportMeta;
  paragraphs: ParagraphView[];
  query: string;
  backHref: string | null;
}) {
  const title = props.report.title ?? props.report.id;
  return (
    <Layout title={`${title} - 报库`}>
      <article class="report">
        {props.backHref ? (
          <p class="back">
            <a href={props.backHref}>← 返回“{props.query}”的检索结果</a>
          </p>
        ) : null}
        <h1>{title}</h1>
        <ReportMetaList report={props.report} />
        <div class="report-body">
          {props.paragraphs.map((paragraph) => (
            <ReportParagraph paragraph={paragraph} />
          ))}
        </div>
      </article>
    </Layout>
  );
}
