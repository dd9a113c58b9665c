// Pasted text or a .txt/.md file → knowledge articles. A Markdown file is split at its
// headings (one article per section); text without headings is one article. Pure
// functions: the preview the UI shows and the import that writes are the same split.
import { KNOWLEDGE_LIMITS, KnowledgeError } from './limits.js';
import { cleanText } from './text.js';

export interface ImportedArticle {
  title: string;
  body: string;
}

export interface ImportPlan {
  articles: ImportedArticle[];
  /** Headings with nothing under them: not imported, listed so the preview can say so. */
  skipped: string[];
}

const IMPORTABLE = /\.(txt|md|markdown)$/i;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-*+]|\d+[.)])[ \t]/;

interface Heading {
  line: number;
  level: number;
  text: string;
  /** Lines the heading itself takes (2 for a setext heading). */
  span: number;
}

/** ATX (`## Title`) and setext (`Title` over `===`/`---`) headings outside code fences. */
function findHeadings(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1]!;
      if (fence === null) fence = marker[0]!.repeat(3);
      else if (marker.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX.exec(line);
    if (atx) {
      out.push({ line: i, level: atx[1]!.length, text: atx[2] ?? '', span: 1 });
      continue;
    }
    const next = lines[i + 1];
    const underline = next === undefined ? null : SETEXT.exec(next);
    // A `---` under a blank line or a list item is a rule, not a heading.
    if (underline && line.trim() && !LIST_ITEM.test(line) && !ATX.test(line)) {
      out.push({ line: i, level: underline[1]!.startsWith('=') ? 1 : 2, text: line.trim(), span: 2 });
      i += 1;
    }
  }
  return out;
}

/** The level the document is split at: the highest one used more than once (else the highest used). */
function splitLevel(headings: readonly Heading[]): number {
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  const levels = [...counts.keys()].sort((a, b) => a - b);
  return levels.find((l) => (counts.get(l) ?? 0) > 1) ?? levels[0]!;
}

/** Markdown emphasis and trailing colons off a heading or first line. */
function plainTitle(text: string): string {
  const t = text
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[:：]\s*$/, '')
    .trim();
  return t.length > KNOWLEDGE_LIMITS.titleChars ? `${t.slice(0, KNOWLEDGE_LIMITS.titleChars - 1).trimEnd()}…` : t;
}

function trimBlankLines(lines: readonly string[]): string {
  return lines
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

/** "preguntas-frecuentes_2024.md" → "preguntas frecuentes 2024". */
function titleFromFileName(fileName: string | undefined): string | null {
  if (!fileName) return null;
  const base = fileName.split(/[\\/]/).pop()!.replace(IMPORTABLE, '').replace(/[-_]+/g, ' ').trim();
  return base ? plainTitle(base) : null;
}

/**
 * Text with no heading: the first line is the title when it is short and more text
 * follows ("Estacionamiento:\nHay un garage…"); else the file name, else the text's start.
 */
function untitled(lines: readonly string[], fileName: string | undefined): ImportedArticle | null {
  const body = trimBlankLines(lines);
  if (!body) return null;
  const [first = '', ...rest] = body.split('\n');
  const restText = trimBlankLines(rest);
  if (first.trim().length <= KNOWLEDGE_LIMITS.firstLineTitleChars && restText)
    return { title: plainTitle(first), body: restText };
  const fromFile = titleFromFileName(fileName);
  if (fromFile) return { title: fromFile, body };
  const words = body.replace(/\s+/g, ' ').slice(0, 60);
  return { title: plainTitle(body.length > 60 ? `${words.replace(/\s\S*$/, '')}…` : words), body };
}

/** Splits without checking limits (see `planImport`). */
export function splitIntoArticles(text: string, fileName?: string): ImportPlan {
  const lines = cleanText(text).split('\n');
  const headings = findHeadings(lines);
  if (!headings.length) {
    const one = untitled(lines, fileName);
    return { articles: one ? [one] : [], skipped: [] };
  }
  const level = splitLevel(headings);
  // Headings at the split level or above start a section; deeper ones stay in the body.
  const starts = headings.filter((h) => h.level <= level);
  const articles: ImportedArticle[] = [];
  const skipped: string[] = [];
  const preamble = untitled(lines.slice(0, starts[0]!.line), fileName);
  if (preamble) articles.push(preamble);
  starts.forEach((h, i) => {
    const end = starts[i + 1]?.line ?? lines.length;
    const body = trimBlankLines(lines.slice(h.line + h.span, end));
    const title = plainTitle(h.text);
    // A document title above the split level ("# Preguntas frecuentes" over "## …") with nothing of its own is no article.
    if (!body) {
      if (h.level === level && title) skipped.push(title);
      return;
    }
    articles.push({ title: title || titleFromFileName(fileName) || plainTitle(body.split('\n')[0]!), body });
  });
  return { articles, skipped };
}

/** Checks the file name, the size and each article against the limits, then splits. */
export function planImport(text: string, fileName?: string): ImportPlan {
  if (fileName !== undefined && !IMPORTABLE.test(fileName)) {
    throw new KnowledgeError('KNOWLEDGE_UNSUPPORTED_FILE', 'Solo se pueden importar archivos de texto: .txt o .md.');
  }
  if (text.includes('\u0000')) {
    throw new KnowledgeError(
      'KNOWLEDGE_UNSUPPORTED_FILE',
      'El archivo no es texto. Guardalo como .txt o .md y probá de nuevo.',
    );
  }
  if (text.length > KNOWLEDGE_LIMITS.importChars) {
    throw new KnowledgeError(
      'KNOWLEDGE_TOO_LARGE',
      `El texto supera los ${KNOWLEDGE_LIMITS.importChars.toLocaleString('es-AR')} caracteres. Dividilo en partes.`,
    );
  }
  const plan = splitIntoArticles(text, fileName);
  if (!plan.articles.length) throw new KnowledgeError('KNOWLEDGE_IMPORT_EMPTY', 'No encontramos texto para importar.');
  if (plan.articles.length > KNOWLEDGE_LIMITS.importArticles) {
    throw new KnowledgeError(
      'KNOWLEDGE_TOO_MANY_ARTICLES',
      `El texto se divide en ${plan.articles.length} artículos; el máximo por vez es ${KNOWLEDGE_LIMITS.importArticles}.`,
    );
  }
  const long = plan.articles.find((a) => a.body.length > KNOWLEDGE_LIMITS.bodyChars);
  if (long) {
    throw new KnowledgeError(
      'KNOWLEDGE_TOO_LARGE',
      `«${long.title}» tiene más de ${KNOWLEDGE_LIMITS.bodyChars.toLocaleString('es-AR')} caracteres. Dividilo con subtítulos (## …).`,
    );
  }
  return plan;
}
