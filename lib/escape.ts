/** Scraped text is hostile until escaped: every string that reaches HTML goes through here. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only http(s) links are ever rendered as links; anything else (javascript:, data:) becomes plain text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? escapeHtml(parsed.href) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Collapses line breaks and control characters, for text that ends up in a header or a one-line summary.
 * Bidi embedding, override and isolate controls go too: on one line they would reorder the text after
 * them (a date in a subject shown backwards).
 */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
