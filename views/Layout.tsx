// The page frame: head (styles, htmx, OpenSearch), header with the archive's name, main, footer.
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';

/** The tab icon: 报 in white on the masthead red, as a data: URL (the CSP allows data: images). */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#9b1c1c"/><text x="16" y="24" font-size="22" text-anchor="middle" fill="#fff" font-family="sans-serif">报</text></svg>',
)}`;

/** Wraps a page. Scripts load from this server only (the CSP allows nothing inline). */
export function Layout(props: { title: string; children: Child; wide?: boolean }) {
  return html`<!DOCTYPE html>${(
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <meta name="htmx-config" content='{"includeIndicatorCSS": false}' />
          <link rel="stylesheet" href="/static/style.css" />
          {/* Without an icon link browsers fetch /favicon.ico: a 404 and a console error on every first visit. */}
          <link rel="icon" href={FAVICON} />
          <link
            rel="search"
            type="application/opensearchdescription+xml"
            title="报库"
            href="/opensearch.xml"
          />
          <script src="/static/htmx.min.js" defer></script>
          <script src="/static/baoku.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            跳到正文
          </a>
          <header class="site">
            <a class="brand" href="/">
              报库 <span class="brand-sub">新闻报道检索</span>
            </a>
          </header>
          <main id="main" class={props.wide ? 'wide' : undefined}>
            {props.children}
          </main>
          <footer class="site">
            <p>报库：每一段包含检索词的文字都会被找到。引用前请核对原文。</p>
          </footer>
        </body>
      </html>
    )}`;
}
