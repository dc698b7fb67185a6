// One paragraph with its neighbours and a citation box with copy buttons and downloads.
import { Layout } from './Layout.tsx';
import { ReportMetaList, ReportParagraph } from './ReportPage.tsx';
import { Spans } from './Snippet.tsx';
import type { CitationView, ParagraphView } from './types.ts';
import type { ReportMeta } from '../src/types.ts';

/** The neighbours of the cited paragraph, with a control that loads more in place. */
export function Context(props: {
  before: ParagraphView[];
  after: ParagraphView[];
  target: ParagraphView;
  moreHref: string | null;
}) {
  return (
    <div id="context" class="context">
      {props.before.map((paragraph) => (
        <ReportParagraph paragraph={paragraph} />
      ))}
      <div class="cited">
        <ReportParagraph paragraph={props.target} />
      </div>
      {props.after.map((paragraph) => (
        <ReportParagraph paragraph={paragraph} />
      ))}
      {props.moreHref ? (
        <p class="more">
          <a href={props.moreHref} hx-get={props.moreHref} hx-target="#context" hx-swap="outerHTML">
            显示更多上下文
          </a>
        </p>
      ) : null}
    </div>
  );
}

function CopyBlock({ id, label, text }: { id: string; label: string; text: string }) {
  return (
    <div class="cite-block">
      <div class="cite-head">
        <h3 id={`${id}-label`}>{label}</h3>
        <button type="button" class="copy" data-copy={id} aria-describedby={`${id}-label`}>
          复制
        </button>
      </div>
      <pre id={id} class="cite-text" tabindex={0}>
        {text}
      </pre>
    </div>
  );
}

/** The citation box: GB/T 7714 (print and online), APA, MLA, the quote, downloads. */
export function CitationBox({ citations }: { citations: CitationView }) {
  return (
    <section class="citations" aria-labelledby="cite-title">
      <h2 id="cite-title">引用这一段</h2>
      {citations.missing.length > 0 ? (
        <p class="cite-warning">
          这篇报道的{citations.missing.join('、')}
          不详，下面的引用缺少这些项；正式引用前请核对原报补全。
        </p>
      ) : null}
      <p id="copy-status" class="copy-status" role="status"></p>
      <CopyBlock id="cite-quote" label="引文 + 出处" text={citations.quote} />
      <CopyBlock id="cite-gbt" label="GB/T 7714-2015" text={citations.gbt7714} />
      <details class="more-formats">
        <summary>更多格式：GB/T 7714 网络版、APA、MLA</summary>
        <CopyBlock
          id="cite-gbt-online"
          label="GB/T 7714-2015（网络版）"
          text={citations.gbt7714Online}
        />
        <CopyBlock id="cite-apa" label="APA" text={citations.apa} />
        <CopyBlock id="cite-mla" label="MLA" text={citations.mla} />
      </details>
      <p class="downloads">
        下载文献记录：
        {citations.downloads.map((link, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={link.href} download>
              {link.label}
            </a>
          </>
        ))}
      </p>
    </section>
  );
}

/** `/p/:id/:n`. */
export function ParagraphPage(props: {
  report: ReportMeta;
  target: ParagraphView;
  before: ParagraphView[];
  after: ParagraphView[];
  moreHref: string | null;
  reportHref: string;
  citations: CitationView;
}) {
  const title = props.report.title ?? props.report.id;
  return (
    <Layout title={`${title} 第 ${props.target.n} 段 - 报库`}>
      <article class="paragraph-page">
        <p class="back">
          <a href={props.reportHref}>阅读全文：{title}</a>
        </p>
        <h1>
          {title} <span class="pn-title">第 {props.target.n} 段</span>
        </h1>
        <ReportMetaList report={props.report} />
        <blockquote class="quote">
          <Spans spans={props.target.spans} />
          {props.target.credit ? <span class="credit">{props.target.credit}</span> : null}
        </blockquote>
        <CitationBox citations={props.citations} />
        <section class="context-section" aria-label="上下文">
          <h2>上下文</h2>
          <Context
            before={props.before}
            after={props.after}
            target={props.target}
            moreHref={props.moreHref}
          />
        </section>
      </article>
    </Layout>
  );
}
