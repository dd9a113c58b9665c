// searchKnowledge — what the assistant's search_knowledge tool runs on every FAQ-like
// turn — on the demo clinic's starter set and on a knowledge base of 5,000 articles
// (built from the demo articles' own vocabulary, so every query word is common).
// The 5,000-article figures are compared with the demo set's in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '../db/client.js';
import { createArticles, type NewKnowledgeArticle } from '../db/repos/knowledge.js';
import { AppEvents } from '../main/http/app-events.js';
import { loadDemoKnowledge } from '../main/knowledge/demo.js';
import { searchKnowledge } from '../main/knowledge/search.js';
import { KnowledgeService } from '../main/knowledge/service.js';
import { info, percentile, report } from './stats.js';

const BIG_ARTICLES = 5_000;
/** Share of an article's words that are the clinic's everyday words. */
const CLINIC_SHARE = 0.2;
const ROUNDS = 40;
/** The assistant's whole overhead per turn has a p99 budget of 20 ms (issue 5); one search may take half. */
const TARGET_P99_MS = 10;

/** Questions as patients write them: accents or not, plurals, prices, stop-words, one word, a greeting. */
const QUESTIONS = [
  '¿tienen estacionamiento?',
  '¿aceptan OSDE?',
  'obras sociales',
  'tarjeta de credito',
  'cuanto sale la limpieza',
  'como me preparo para el blanqueamiento',
  '¿a qué hora abren los sábados?',
  'quiero cancelar mi turno',
  'me sangra la encía, es urgente',
  'turnos',
  'hola buenas',
  'dirección y cómo llego en subte',
];

/** A deterministic pseudo-random sequence, so every run builds the same articles. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** The demo articles' words (every query word is among them). */
function demoWords(db: Db): string[] {
  const service = new KnowledgeService(db, new AppEvents());
  return service
    .list()
    .articles.flatMap((a) => service.get(a.id)!.body.split(/\s+/))
    .filter((w) => w.length > 2);
}

/**
 * `count` articles of ~150 words. `clinicShare` of the words come from the demo
 * articles' vocabulary (so "turno", "limpieza", "OSDE"… recur across the base, as in a
 * real clinic's), the rest from 20,000 made-up words (each article's own topic). At
 * 1.0 every query word is in most articles: the worst case, where ranking every match
 * is the cost.
 */
function syntheticArticles(db: Db, count: number, clinicShare: number): NewKnowledgeArticle[] {
  const clinic = demoWords(db);
  const next = random(42);
  const syllables = [
    'ca',
    'lo',
    'ri',
    'ten',
    'mar',
    'dos',
    'bre',
    'qui',
    'sol',
    'pan',
    've',
    'nu',
    'gra',
    'tor',
    'fi',
    'les',
  ];
  const made = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
    return w;
  });
  const pick = () =>
    next() < clinicShare ? clinic[Math.floor(next() * clinic.length)]! : made[Math.floor(next() * made.length)]!;
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    title: `${phrase(3)} ${i}`,
    body: Array.from({ length: 3 }, () => `${phrase(30 + Math.floor(next() * 40))}.`).join('\n\n'),
    tags: phrase(3).toLowerCase(),
    source: 'import' as const,
  }));
}

function measure(db: Db): { p50: number; p99: number; hits: number } {
  const samples: number[] = [];
  let hits = 0;
  for (const q of QUESTIONS) searchKnowledge(db, q, 5); // warm-up: pages cached
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUESTIONS) {
      const t0 = performance.now();
      hits += searchKnowledge(db, q, 5).length;
      samples.push(performance.now() - t0);
    }
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), hits: hits / ROUNDS };
}

function measureWith(db: Db, articles: NewKnowledgeArticle[]) {
  createArticles(db, articles);
  return measure(db);
}

/** A fresh database holding the demo articles. */
function demoDatabase(dir: string, name: string): Db {
  const db = openDatabase(path.join(dir, name));
  loadDemoKnowledge(new KnowledgeService(db, new AppEvents()));
  return db;
}

export function runKnowledgeSearch(): void {
  console.log(`# knowledge search: searchKnowledge(question, 5), ${QUESTIONS.length} questions x ${ROUNDS} rounds`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recepta-bench-knowledge-'));
  try {
    const db = demoDatabase(dir, 'recepta.db');
    try {
      const demo = measure(db);
      report({
        name: 'knowledge_search_demo_p50_ms',
        value: demo.p50,
        unit: 'ms',
        note: `${demo.hits} results per round of ${QUESTIONS.length} questions`,
      });
      report({
        name: 'knowledge_search_demo_p99_ms',
        value: demo.p99,
        unit: 'ms',
        target: { value: TARGET_P99_MS, kind: 'max' },
      });
      const big = measureWith(db, syntheticArticles(db, BIG_ARTICLES, CLINIC_SHARE));
      report({
        name: 'knowledge_search_5k_p50_ms',
        value: big.p50,
        unit: 'ms',
        reference: { label: 'demo set', value: demo.p50 },
        note: `${BIG_ARTICLES} articles, ${CLINIC_SHARE * 100} % of their words from the clinic's vocabulary; ${big.hits} results per round`,
      });
      report({
        name: 'knowledge_search_5k_p99_ms',
        value: big.p99,
        unit: 'ms',
        reference: { label: 'demo set', value: demo.p99 },
        target: { value: TARGET_P99_MS, kind: 'max' },
      });
    } finally {
      closeDatabase(db);
    }
    const worst = demoDatabase(dir, 'worst.db');
    try {
      const all = measureWith(worst, syntheticArticles(worst, BIG_ARTICLES, 1));
      info(
        'knowledge_search_5k_all_common_p50_ms',
        all.p50,
        'ms (worst case: every query word in nearly every article, so ~5,000 matches are ranked)',
      );
      info('knowledge_search_5k_all_common_p99_ms', all.p99, 'ms');
    } finally {
      closeDatabase(worst);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
