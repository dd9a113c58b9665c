import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { paths } from '../kernel/paths.js';
import type { KnowledgeService } from './service.js';

const demoArticlesSchema = z.array(
  z.object({
    title: z.string().min(1).max(200),
    body: z.string().min(1).max(20_000),
    tags: z.array(z.string().max(40)).max(20),
  }),
);

/**
 * The demo clinic's starter articles (resources/demo-knowledge.json): hours, how to get
 * there, parking, payment, obras sociales, preparation, cancellations, urgencias. Only
 * into an empty knowledge base, so a second load never doubles them.
 */
export function loadDemoKnowledge(
  knowledge: KnowledgeService,
  file = path.join(paths('').resources, 'demo-knowledge.json'),
): number {
  if (knowledge.count() > 0) return 0;
  const articles = demoArticlesSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return knowledge.createMany(articles, 'demo').length;
}
