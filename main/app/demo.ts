import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDemoAgenda } from '../agenda/demo.js';
import type { AgendaServices } from '../agenda/index.js';
import { loadDemoKnowledge } from '../knowledge/demo.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { AppEvents } from '../http/app-events.js';
import { paths } from '../kernel/paths.js';
import { editableSettingsSchema, type SettingsService } from '../http/app-settings.js';

/** Loads the demo clinic (resources/demo-clinic.json and its knowledge base) so the simulator has something to talk about. */
export function loadDemoClinic(settings: SettingsService, knowledge: KnowledgeService): void {
  const file = path.join(paths('').resources, 'demo-clinic.json');
  const demo = editableSettingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  settings.update(demo);
  loadDemoKnowledge(knowledge);
}

/** Loads the demo agenda (resources/demo-agenda.json): practitioners, services, hours, holidays, patients and next week's appointments. */
export function loadDemoClinicAgenda(
  agenda: AgendaServices,
  settings: SettingsService,
  events: AppEvents,
): ReturnType<typeof loadDemoAgenda> {
  return loadDemoAgenda(path.join(paths('').resources, 'demo-agenda.json'), agenda, settings, events);
}
