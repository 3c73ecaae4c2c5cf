/**
 * Text with highlighted spans to well-nested HTML. Evidence spans of different records can nest
 * (a title inside an official's mention) or overlap without nesting (an indicator's evidence
 * that starts inside a legal reference); HTML elements cannot cross, so a span that would cross
 * another is split at the boundary into fragments. The first fragment of a span is its anchor
 * (id, tab stop); the others are continuations carrying the same attributes.
 */

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

export interface Span {
  /** UTF-16 offsets into the text, `start < end`. */
  start: number;
  end: number;
}

export interface SpanRender<S extends Span> {
  /** Opening tag of a fragment of `span`; `first` is true for the first fragment only. */
  open(span: S, first: boolean): string;
  /** Closing tag matching `open`. */
  close(span: S): string;
}

/**
 * `text` escaped, with every span wrapped by `render`'s tags. Spans outside the text or empty
 * are ignored (see `invalidSpans`). Among spans starting at the same offset the longer one is
 * the outer one; equal spans nest in the order given. Deterministic.
 */
export function markUp<S extends Span>(text: string, spans: readonly S[], render: SpanRender<S>): string {
  const valid = spans
    .map((span, index) => ({ span, index }))
    .filter(({ span }) => isValid(span, text.length))
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.index - b.index);
  const cuts = new Set<number>([0, text.length]);
  for (const { span } of valid) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const opened = new Set<number>();
  const stack: { span: S; index: number }[] = [];
  let next = 0;
  let out = '';
  for (let p = 0; p < points.length; p++) {
    const at = points[p]!;
    // Close every span ending here; spans above one of them in the stack are closed too and
    // reopened below as continuations.
    const lowest = stack.findIndex((s) => s.span.end === at);
    const reopen: { span: S; index: number }[] = [];
    if (lowest >= 0) {
      while (stack.length > lowest) {
        const top = stack.pop()!;
        out += render.close(top.span);
        if (top.span.end !== at) reopen.unshift(top);
      }
    }
    const starting: { span: S; index: number }[] = [];
    while (next < valid.length && valid[next]!.span.start === at) starting.push(valid[next++]!);
    // Longer spans outside, so that fewer spans have to be split later.
    const toOpen = [...reopen, ...starting].sort((a, b) => b.span.end - a.span.end || a.span.start - b.span.start || a.index - b.index);
    for (const s of toOpen) {
      const first = !opened.has(s.index);
      opened.add(s.index);
      out += render.open(s.span, first);
      stack.push(s);
    }
    const to = points[p + 1];
    if (to !== undefined) out += escapeHtml(text.slice(at, to));
  }
  while (stack.length) out += render.close(stack.pop()!.span);
  return out;
}

function isValid(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end <= length && span.start < span.end;
}

/** The spans `markUp` would ignore: empty, reversed or outside a text of `length` units. */
export function invalidSpans<S extends Span>(spans: readonly S[], length: number): S[] {
  return spans.filter((s) => !isValid(s, length));
}
