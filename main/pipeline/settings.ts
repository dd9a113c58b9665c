import { z } from 'zod';
import type { AgentSettings } from '../agent/settings.js';
import type { InboxSettings } from '../inbox/settings.js';
import type { SettingsReader } from '../kernel/settings-store.js';

/** The pipeline's settings slice. */
export const pipelineSettingsSchema = z.object({
  'pipeline.debounceMs': z.number().int().min(0).max(60_000),
});
export type PipelineSettings = z.infer<typeof pipelineSettingsSchema>;
export const pipelineSettingsDefaults: PipelineSettings = { 'pipeline.debounceMs': 2_000 };

/** What a turn reads: the debounce, the history length, how often its reply is tried. */
export type PipelineSettingsReader = SettingsReader<PipelineSettings & InboxSettings & AgentSettings>;
