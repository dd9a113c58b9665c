import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDemoKnowledge } from '../knowledge/demo.js';
import type { KnowledgeService } from '../knowledge/service.js';
import { paths } from './paths.js';
import { editableSettingsSchema, type SettingsService } from './settings.js';

/** Loads the demo clinic (resources/demo-clinic.json and its knowledge base) so the simulator has something to talk about. */
export function loadDemoClinic(settings: SettingsService, knowledge: KnowledgeService): void {
  const file = path.join(paths('').resources, 'demo-clinic.json');
  const demo = editableSettingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  settings.update(demo);
  loadDemoKnowledge(knowledge);
}
