// The OpenSearch description, so a browser can add the archive to its search bar.
import { html } from 'hono/html';

/** `/opensearch.xml`; hono's `html` template escapes the interpolated origin. */
export function openSearchXml(origin: string) {
  // prettier-ignore
  return html`<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>报库</ShortName>
  <Description>检索报库收录的新闻报道段落</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${origin}/search?q={searchTerms}"/>
  <Url type="application/json" method="get" template="${origin}/api/search?q={searchTerms}"/>
</OpenSearchDescription>
`;
}
