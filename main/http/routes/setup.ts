// The first-run setup (renderer/src/features/setup): what it still needs, the demo clinic
// loaded from the UI, and "Empezar de cero" to leave the demo.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeDatabase, openDatabase } from '../../../db/client.js';
import { clinicContents, clearClinicData, countActiveServices, realDataSince } from '../../../db/repos/clinic-data.js';
import type { RealDataKind } from '../../../db/repos/clinic-data.js';
import { findLocalModels } from '../../agent/local-models.js';
import { readinessGaps } from '../../agenda/readiness.js';
import { paths } from '../../kernel/paths.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../errors.js';
import {
  demoLoadedSchema,
  localModelsSchema,
  SETUP_STEPS,
  setupStatusSchema,
  startFreshSchema,
  type SetupStatus,
  type SetupStepId,
} from '../setup-types.js';

const emptyBody = z.object({}).strict().optional();

const REAL_DATA_WORDS: Record<RealDataKind, string> = {
  conversations: 'conversaciones de pacientes reales',
  patients: 'pacientes que cargaste',
  practitioners: 'profesionales que agregaste',
  services: 'servicios que agregaste',
  closures: 'cierres que agregaste',
  articles: 'artículos de conocimiento que escribiste',
};

function realDataMessage(kinds: RealDataKind[]): string {
  return `No se borró nada: además de los datos de ejemplo hay ${kinds.map((k) => REAL_DATA_WORDS[k]).join(', ')}. Borralos a mano (o hacé una copia de seguridad y empezá en otra carpeta) si querés empezar de cero.`;
}

export const setupRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, settings } = deps;
    const demoSince = () => settings.get('setup.demoLoadedAt');

    const done: Record<SetupStepId, () => boolean> = {
      clinic: () => settings.get('clinic.name').trim() !== '',
      hours: () => settings.get('clinic.hoursConfirmed'),
      practitioner: () => clinicContents(db).practitioners > 0,
      service: () => countActiveServices(db) > 0,
      tone: () => settings.isSaved('assistant.tone'),
      ai: () => settings.get('ai.provider') !== 'openai' || aiKeySet(),
      alwaysOn: () => settings.isSaved('desktop.openAtLogin') || settings.isSaved('desktop.keepAwake'),
      whatsapp: () => deps.whatsapp?.details().phase === 'connected',
    };
    const aiKeySet = () => {
      try {
        return deps.secrets.status('openaiApiKey').isSet;
      } catch {
        return false; // no keychain: the AI step says so when it is opened
      }
    };

    const status = (): SetupStatus => {
      const demo = demoSince() > 0;
      return {
        steps: SETUP_STEPS.map((id) => ({ id, done: done[id]() })),
        open: !demo && !settings.get('setup.finished'),
        demo,
        canLoadDemo: !demo && realDataSince(db, 0).length === 0,
        missing: readinessGaps(db, settings),
      };
    };

    app.get(
      '/api/setup',
      {
        schema: {
          summary: 'What the first-run setup still needs',
          operationId: 'getSetup',
          tags: ['setup'],
          description:
            'Each step of the guided setup and whether it is done; whether the setup opens by itself; whether the demo clinic is loaded or can be; and what the clinic lacks before the assistant answers real patients (hours the owner set, a service).',
          response: { 200: setupStatusSchema },
        },
      },
      async () => status(),
    );

    app.post(
      '/api/setup/demo',
      {
        schema: {
          summary: 'Load the demo clinic into an empty data folder',
          operationId: 'loadSetupDemo',
          tags: ['setup'],
          description:
            "Practitioners, services, hours, holidays, patients, next week's appointments and a knowledge base, to try the assistant in the simulator. SETUP_NOT_EMPTY when the folder already holds a clinic's data.",
          body: emptyBody,
          response: { 201: demoLoadedSchema },
        },
      },
      async (_req, reply) => {
        if (!deps.loadDemo)
          throw new ApiError(503, 'SETUP_UNAVAILABLE', 'Los datos de ejemplo no están disponibles en este modo.');
        if (!status().canLoadDemo)
          throw new ApiError(
            409,
            'SETUP_NOT_EMPTY',
            'Los datos de ejemplo solo se cargan en una clínica vacía, y esta ya tiene datos.',
          );
        const loaded = deps.loadDemo();
        return reply.status(201).send({ appointments: loaded.appointments });
      },
    );

    app.post(
      '/api/setup/start-fresh',
      {
        schema: {
          summary: 'Leave the demo: clear its data and start with an empty clinic',
          operationId: 'startFresh',
          tags: ['setup'],
          description:
            "Clears the demo clinic — and what was tried with it in the simulator — and restarts the core on the emptied folder (settings such as the AI provider are kept). DEMO_NOT_LOADED when the demo is not loaded; REAL_DATA_PRESENT, clearing nothing, when anything else is there (a real patient's chat, a practitioner added by hand…).",
          body: emptyBody,
          response: { 202: startFreshSchema },
        },
      },
      async (_req, reply) => {
        const since = demoSince();
        if (since === 0) throw new ApiError(409, 'DEMO_NOT_LOADED', 'No hay datos de ejemplo cargados.');
        const real = realDataSince(db, since);
        if (real.length) throw new ApiError(409, 'REAL_DATA_PRESENT', realDataMessage(real));
        if (!deps.restart || !deps.dataDir || !deps.demoSettingKeys)
          throw new ApiError(503, 'SETUP_UNAVAILABLE', 'Empezar de cero no está disponible en este modo.');
        const file = paths(deps.dataDir).database;
        const keys = [
          ...deps.demoSettingKeys(),
          ...Object.keys(settings.editable()).filter(isClinicKey),
          'setup.demoLoadedAt',
          'setup.finished',
        ];
        const restart = deps.restart;
        reply.raw.once('finish', () => {
          deps.log.warn({ module: 'setup' }, 'leaving the demo: its data is cleared and the core restarts');
          // With the core stopped nothing writes meanwhile; a real chat that arrived after the check above still wins.
          restart(() => {
            const closed = openDatabase(file);
            try {
              const cleared = clearClinicData(closed, keys, () => realDataSince(closed, since).length === 0);
              if (!cleared)
                console.error('Recepta: real data arrived before the demo was cleared; nothing was deleted.');
            } finally {
              closeDatabase(closed);
            }
          }).catch(() => console.error('Recepta: after leaving the demo the core could not start again.'));
        });
        return reply.status(202).send({ restarting: true });
      },
    );

    app.get(
      '/api/setup/local-models',
      {
        schema: {
          summary: 'Local model servers found on this PC',
          operationId: 'findLocalModels',
          tags: ['setup'],
          description:
            'Ollama (port 11434) and LM Studio (port 1234) on 127.0.0.1, with the models each lists; empty when neither answers.',
          response: { 200: localModelsSchema },
        },
      },
      async () => findLocalModels(),
    );
  };

const isClinicKey = (key: string) => key.startsWith('clinic.');
