// Pasted text and .txt/.md files split into articles: the preview and the import share this.
import { describe, expect, it } from 'vitest';
import { planImport, splitIntoArticles } from '../../main/knowledge/import.js';
import { KNOWLEDGE_LIMITS, KnowledgeError } from '../../main/knowledge/limits.js';

const FAQ = `# Preguntas frecuentes

## Horarios
Lunes a viernes de 9 a 19.

## ¿Tienen estacionamiento?

Hay un garage en la esquina.

### Descuento
Pedí el sello en recepción.

## Vacío

## Pagos:
Efectivo y tarjetas.
\`\`\`
# esto no es un título
\`\`\`
`;

describe('splitIntoArticles', () => {
  it('splits a Markdown file at the level its sections use, keeping deeper headings in the body', () => {
    const plan = splitIntoArticles(FAQ, 'faq.md');
    expect(plan.articles.map((a) => a.title)).toEqual(['Horarios', '¿Tienen estacionamiento?', 'Pagos']);
    expect(plan.articles[1]!.body).toBe('Hay un garage en la esquina.\n\n### Descuento\nPedí el sello en recepción.');
    expect(plan.articles[2]!.body).toContain('# esto no es un título');
    expect(plan.skipped).toEqual(['Vacío']);
  });

  it('splits at H1 when the file has several', () => {
    const plan = splitIntoArticles('# Uno\nA\n## Sub\nB\n# Dos\nC');
    expect(plan.articles).toEqual([
      { title: 'Uno', body: 'A\n## Sub\nB' },
      { title: 'Dos', body: 'C' },
    ]);
  });

  it('reads setext headings, and keeps a rule under a blank line as text', () => {
    const plan = splitIntoArticles('Horarios\n========\nDe 9 a 19.\n\n---\n\nCómo llegar\n============\nSubte D.');
    expect(plan.articles.map((a) => a.title)).toEqual(['Horarios', 'Cómo llegar']);
    expect(plan.articles[0]!.body).toBe('De 9 a 19.\n\n---');
  });

  it('keeps text before the first heading as its own article', () => {
    const plan = splitIntoArticles(
      'Somos una clínica en Palermo.\n\n## Horarios\nDe 9 a 19.\n## Pagos\nEfectivo.',
      'clinica.md',
    );
    expect(plan.articles[0]).toEqual({ title: 'clinica', body: 'Somos una clínica en Palermo.' });
    expect(plan.articles).toHaveLength(3);
  });

  it('makes one article of text without headings, titled by a short first line', () => {
    expect(splitIntoArticles('Estacionamiento:\r\nHay un garage en la esquina.\r\n')).toEqual({
      articles: [{ title: 'Estacionamiento', body: 'Hay un garage en la esquina.' }],
      skipped: [],
    });
  });

  it('titles a single paragraph by the file name, else by its start', () => {
    const long =
      'Atendemos de lunes a viernes de nueve a diecinueve horas y los sábados por la mañana, salvo feriados nacionales.';
    expect(splitIntoArticles(long, 'horarios-de-atencion.txt').articles[0]!.title).toBe('horarios de atencion');
    const untitled = splitIntoArticles(long).articles[0]!;
    expect(untitled.title.endsWith('…')).toBe(true);
    expect(untitled.title.length).toBeLessThanOrEqual(61);
    expect(untitled.body).toBe(long);
  });
});

describe('planImport', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof KnowledgeError ? e.code : `not a KnowledgeError: ${String(e)}`;
    }
    return 'no error';
  };

  it('refuses files that are not text', () => {
    expect(code(() => planImport('hola', 'foto.pdf'))).toBe('KNOWLEDGE_UNSUPPORTED_FILE');
    expect(code(() => planImport('PK\u0003\u0004\u0000\u0000', 'faq.md'))).toBe('KNOWLEDGE_UNSUPPORTED_FILE');
    expect(code(() => planImport('# Hola\nchau', 'FAQ.MD'))).toBe('no error');
  });

  it('refuses empty text, too much text, too many articles and an article too long', () => {
    expect(code(() => planImport(' \n\n ## \n'))).toBe('KNOWLEDGE_IMPORT_EMPTY');
    expect(code(() => planImport('x'.repeat(KNOWLEDGE_LIMITS.importChars + 1)))).toBe('KNOWLEDGE_TOO_LARGE');
    const many = Array.from({ length: KNOWLEDGE_LIMITS.importArticles + 1 }, (_, i) => `## T${i}\nb`).join('\n');
    expect(code(() => planImport(many))).toBe('KNOWLEDGE_TOO_MANY_ARTICLES');
    expect(code(() => planImport(`## Largo\n${'palabra '.repeat(3000)}`))).toBe('KNOWLEDGE_TOO_LARGE');
  });
});
