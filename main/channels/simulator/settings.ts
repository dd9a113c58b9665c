import { z } from 'zod';

/** The simulator's settings slice. */
export const simulatorSettingsSchema = z.object({
  /**
   * Where the simulator "delivers" replies, if anywhere: an HTTP endpoint that plays the
   * patient's phone (each reply is POSTed as JSON). Empty: replies only show in the inbox.
   */
  'simulator.deliveryUrl': z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
});
export type SimulatorSettings = z.infer<typeof simulatorSettingsSchema>;
export const simulatorSettingsDefaults: SimulatorSettings = { 'simulator.deliveryUrl': '' };
