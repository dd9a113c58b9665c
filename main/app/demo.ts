import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDemoAgenda } from '../agenda/demo.js';
import type { AgendaServices } from '../agenda/index.js';
import { loadDemoKnowledge } from '../knowledge/demo.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { AppEvents } from '../http/app-events.js';
import { paths } from '../kernel/paths.js';
import { editableSettingsSchema, type SettingsService } from '../http/app-settings.js';

export interface DemoParts {
  settings: SettingsService;
  knowledge: KnowledgeService;
  agenda: AgendaServices;
  events: AppEvents;
}

/** The settings the demo clinic sets (resources/demo-clinic.json): "Empezar de cero" puts them back to their defaults. */
export function demoSettingKeys(): string[] {
  return Object.keys(readDemoSettings());
}

function readDemoSettings() {
  const file = path.join(paths('').resources, 'demo-clinic.json');
  return editableSettingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Loads the demo clinic — its settings (resources/demo-clinic.json), knowledge base and agenda
 * (resources/demo-agenda.json: practitioners, services, hours, holidays, patients, next week's
 * appointments) — and notes when, so "Empezar de cero" can tell its rows from ones added later.
 * Used by `--demo` on an empty folder and by "Probar con datos de ejemplo" (POST /api/setup/demo).
 */
export function loadDemo({ settings, knowledge, agenda, events }: DemoParts): ReturnType<typeof loadDemoAgenda> {
  settings.update(readDemoSettings());
  loadDemoKnowledge(knowledge);
  const loaded = loadDemoAgenda(path.join(paths('').resources, 'demo-agenda.json'), agenda, settings, events);
  settings.update({ 'setup.demoLoadedAt': Date.now() });
  return loaded;
}
