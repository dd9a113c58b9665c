import { z } from 'zod';

/**
 * The first-run setup's own settings (GET /api/setup, routes/setup.ts). `setup.finished` is
 * the owner's: the guided setup was completed or closed, and no longer opens by itself (it
 * is reopened from Ajustes). `setup.demoLoadedAt` is Recepta's: when the demo clinic was
 * loaded (0: it was not), which is what "Empezar de cero" tells demo rows from real ones by.
 */
export const setupSettingsSchema = z.object({
  'setup.finished': z.boolean(),
  'setup.demoLoadedAt': z.number().int().min(0),
});
export type SetupSettings = z.infer<typeof setupSettingsSchema>;
export const setupSettingsDefaults: SetupSettings = { 'setup.finished': false, 'setup.demoLoadedAt': 0 };
