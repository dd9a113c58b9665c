import { z } from 'zod';

/** The guided setup's steps, in the order it shows them. */
export const SETUP_STEPS = [
  'clinic',
  'hours',
  'practitioner',
  'service',
  'tone',
  'ai',
  'alwaysOn',
  'whatsapp',
] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

export const setupStatusSchema = z.object({
  steps: z.array(z.object({ id: z.enum(SETUP_STEPS), done: z.boolean() })),
  /** The guided setup opens by itself: a folder not set up yet, not the demo, and the setup not closed. */
  open: z.boolean(),
  /** The demo clinic is loaded ("Empezar de cero" leaves it). */
  demo: z.boolean(),
  /** "Probar con datos de ejemplo" can load it: nothing but simulator chats here yet. */
  canLoadDemo: z.boolean(),
  /** What the clinic lacks before the assistant answers real patients (their chats go to a person until then). */
  missing: z.array(z.enum(['hours', 'service'])),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const localModelsSchema = z.array(
  z.object({ provider: z.enum(['ollama', 'lmstudio']), baseUrl: z.string(), models: z.array(z.string()) }),
);
export type LocalModels = z.infer<typeof localModelsSchema>;

export const demoLoadedSchema = z.object({ appointments: z.number().int() });
export const startFreshSchema = z.object({ restarting: z.literal(true) });
