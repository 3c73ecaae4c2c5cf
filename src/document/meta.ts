/**
 * The Document record's own fields, read from the text's layout: the title (first heading-like
 * line), the publication date (a dateline near the top) and the bylines (short name lines at the
 * end of the article, before any related-news block). Words come from data/document.yaml.
 */
import { z } from 'zod';
import { loadData } from '../text/lexicon.js';
import { alt, WB, WE } from '../text/pattern.js';
import { titleCase } from '../text/normalize.js';
import { findDates, isoDate } from '../values/date.js';
import { paragraphsOf, type Span } from '../engine/context.js';

const list = z.array(z.string().min(1));
const documentWordsSchema = z.object({
  photo_credit: list,
  source_line: list,
  related: list,
  navigation: list,
  user_names: list,
});

export const documentWords = (): z.infer<typeof documentWordsSchema> => loadData('document.yaml', documentWordsSchema);

interface Res {
  credit: RegExp;
  related: RegExp;
  navigation: RegExp;
  user: RegExp;
}
let res: Res | undefined;
function regs(): Res {
  if (res) return res;
  const w = documentWords();
  res = {
    credit: new RegExp(`${WB}${alt(w.photo_credit)}\\s*:`, 'u'),
    // Run on the trimmed line: `^\s*…\s*:?\s*$` backtracks quadratically on long runs of spaces.
    related: new RegExp(`^${alt(w.related)}(?:\\s*:)?$`, 'u'),
    navigation: new RegExp(`^${alt(w.navigation)}$`, 'u'),
    user: new RegExp(`^\\s*${alt(w.user_names)}${WE}`, 'u'),
  };
  return res;
}

/** Whether a line is a photo credit / caption with a credit (`... Ảnh: ĐỨC PHƯƠNG`). */
export function isCreditLine(line: string): boolean {
  return regs().credit.test(line);
}

/** Whether a line opens a related-news block (`Tin liên quan`). */
export function isRelatedHeader(line: string): boolean {
  return regs().related.test(line.trim());
}

/** Whether a line is site navigation (`back to top`, `Chia sẻ`). */
export function isNavigation(line: string): boolean {
  return regs().navigation.test(line.trim());
}

const HAS_VI_LETTER = /[^\x00-\x7f]/;

function isHeadingLike(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return (
    line.length <= 200 &&
    words.length >= 3 &&
    !/[.:;,|]$/.test(line.trim()) &&
    HAS_VI_LETTER.test(line) &&
    !isCreditLine(line) &&
    !isNavigation(line) &&
    findDates(line).every((d) => d.shape !== 'dmy' || d.end - d.start < line.length / 2)
  );
}

export interface DocumentMeta {
  title: string | null;
  /** The title's paragraph span in the text, when there is a title. */
  titleSpan: Span | null;
  published: string | null;
  authors: string[];
}

/** A breadcrumb trail: words separated by `>`, `»` or `›`. */
const BREADCRUMB = /\s[>»›]\s/;

/** A byline: two to five capitalised words (or one all-caps run), nothing else. */
const BYLINE = /^(?:\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,4}|\p{Lu}[\p{Lu}\p{M}]*(?:\s+\p{Lu}[\p{Lu}\p{M}]*){1,4})$/u;

export function documentMeta(nfc: string, paragraphs: Span[] = paragraphsOf(nfc)): DocumentMeta {
  const lines = paragraphs.map((p) => nfc.slice(p.start, p.end));
  // Published: a full date in one of the first lines, on a short line (a dateline).
  let published: string | null = null;
  for (const line of lines.slice(0, 4)) {
    if (line.length > 80) continue;
    const d = findDates(line).find((x) => x.shape === 'dmy');
    if (d) {
      published = isoDate(d);
      break;
    }
  }
  // Title: the first heading-like line among the first few; a long first paragraph means none.
  // Breadcrumbs (`Kinh tế > Số liệu`) and view counters are skipped like navigation.
  let title: string | null = null;
  let titleSpan: Span | null = null;
  for (let i = 0; i < Math.min(6, lines.length); i++) {
    const line = lines[i]!;
    if (isCreditLine(line) || isNavigation(line) || line.length < 12 || BREADCRUMB.test(line)) continue;
    if (findDates(line).some((d) => d.shape === 'dmy') && line.length < 40) continue;
    if (isHeadingLike(line)) {
      title = line.trim();
      titleSpan = paragraphs[i]!;
    }
    break;
  }
  // Authors: byline lines after the body, before a related-news block.
  let endIdx = lines.findIndex((l) => isRelatedHeader(l));
  if (endIdx < 0) endIdx = lines.length;
  const authors: string[] = [];
  for (let i = endIdx - 1; i >= Math.max(1, endIdx - 3); i--) {
    const l = lines[i]!.trim();
    if (isNavigation(l) || /^[{}[\]]$/.test(l)) continue;
    if (BYLINE.test(l) && l.length <= 40 && !regs().user.test(l) && lines[i - 1]!.length > 80) {
      authors.unshift(l === l.toUpperCase() ? titleCase(l) : l);
      break;
    }
    if (l.length > 60) break;
  }
  return { title, titleSpan, published, authors };
}
