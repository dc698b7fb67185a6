// Small readers of the HTML the app sends: element text by id, attribute values, script tags.

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Undoes hono/jsx's escaping of text and attribute values. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
}

/** The inner HTML of the element with `id` (the app never nests an element in one of the same tag). */
export function innerHtmlById(html: string, id: string): string | undefined {
  const match = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match?.[2];
}

/** The text of the element with `id`, tags removed and entities decoded. */
export function textById(html: string, id: string): string | undefined {
  const inner = innerHtmlById(html, id);
  return inner === undefined ? undefined : unescapeHtml(inner.replace(/<[^>]*>/g, ''));
}

/** Every value of `attribute` in the document, decoded, in document order. */
export function attributeValues(html: string, attribute: string): string[] {
  const pattern = new RegExp(`\\s${attribute}="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((match) => unescapeHtml(match[1]!));
}

/** Every `<script>` element: its attributes and its body. */
export function scripts(html: string): { attributes: string; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((match) => ({
    attributes: match[1]!,
    body: match[2]!,
  }));
}

/** How often `needle` occurs in `haystack`. */
export function countOf(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Escapes text as hono/jsx does, to build the exact markup a test expects. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[char]!};`,
  );
}
