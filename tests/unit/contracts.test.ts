// Contracts declared once: each area's slice (settings, push events, error codes) is combined
// in one place, and the kernel's generic machinery carries them.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AGENDA_ERROR_CODES, type AgendaErrorCode } from '../../main/agenda/errors.js';
import { clinicSettingsSchema } from '../../main/agenda/settings.js';
import { agentSettingsSchema } from '../../main/agent/settings.js';
import { BACKUP_ERROR_CODES, type BackupErrorCode } from '../../main/backup/errors.js';
import { backupSettingsSchema } from '../../main/backup/settings.js';
import { simulatorSettingsSchema } from '../../main/channels/simulator/settings.js';
import { whatsappSettingsSchema } from '../../main/channels/whatsapp/settings.js';
import { ycloudSettingsSchema } from '../../main/channels/ycloud/settings.js';
import { chatwootSettingsSchema } from '../../main/channels/chatwoot/settings.js';
import { evolutionSettingsSchema } from '../../main/channels/evolution/settings.js';
import { setupSettingsSchema } from '../../main/http/setup-settings.js';
import type { AppEventMap } from '../../main/http/app-events.js';
import { settingsSchema } from '../../main/http/app-settings.js';
import type { ErrorCode } from '../../main/http/errors.js';
import { inboxSettingsSchema } from '../../main/inbox/settings.js';
import { createEventBus, type EventPort } from '../../main/kernel/events.js';
import { kernelSettingsSchema } from '../../main/kernel/settings-store.js';
import { KNOWLEDGE_ERROR_CODES, type KnowledgeErrorCode } from '../../main/knowledge/limits.js';
import { pipelineSettingsSchema } from '../../main/pipeline/settings.js';
import { reminderSettingsSchema } from '../../main/automations/reminders/settings.js';
import { noShowSettingsSchema } from '../../main/automations/no-shows/settings.js';
import { deliverySettingsSchema } from '../../main/automations/delivery/settings.js';
import { waitlistSettingsSchema } from '../../main/automations/waitlist/settings.js';
import { slaSettingsSchema } from '../../main/automations/sla/settings.js';

describe('the event bus', () => {
  interface Slice {
    'a.happened': { n: number };
    'b.happened': { s: string };
  }

  it('`on` hears only the type it names, in order, until it stops listening', () => {
    const bus = createEventBus<Slice>();
    const heard: number[] = [];
    const everything: string[] = [];
    const stop = bus.on('a.happened', ({ n }) => heard.push(n));
    bus.subscribe((e) => everything.push(e.type));
    bus.emit('a.happened', { n: 1 });
    bus.emit('b.happened', { s: 'x' });
    bus.emit('a.happened', { n: 2 });
    stop();
    bus.emit('a.happened', { n: 3 });
    expect(heard).toEqual([1, 2]);
    expect(everything).toEqual(['a.happened', 'b.happened', 'a.happened', 'a.happened']);
  });

  it("the app's bus serves a port typed for one slice", () => {
    expectTypeOf(createEventBus<AppEventMap>()).toMatchTypeOf<EventPort<Pick<AppEventMap, 'channel.status'>>>();
    expectTypeOf<AppEventMap['channel.status']>().toHaveProperty('whatsapp');
  });
});

describe('the settings slices', () => {
  const slices = [
    kernelSettingsSchema,
    clinicSettingsSchema,
    agentSettingsSchema,
    pipelineSettingsSchema,
    inboxSettingsSchema,
    simulatorSettingsSchema,
    whatsappSettingsSchema,
    ycloudSettingsSchema,
    chatwootSettingsSchema,
    evolutionSettingsSchema,
    backupSettingsSchema,
    deliverySettingsSchema,
    setupSettingsSchema,
    reminderSettingsSchema,
    waitlistSettingsSchema,
    slaSettingsSchema,
    noShowSettingsSchema,
  ];

  it('never declare the same key twice, and combine into exactly their keys, in order', () => {
    const keys = slices.flatMap((s) => Object.keys(s.shape));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(settingsSchema.shape)).toEqual(keys);
  });
});

describe('the error codes', () => {
  it('the API union is derived from every area’s list', () => {
    expectTypeOf<AgendaErrorCode | KnowledgeErrorCode | BackupErrorCode>().toMatchTypeOf<ErrorCode>();
    for (const list of [AGENDA_ERROR_CODES, KNOWLEDGE_ERROR_CODES, BACKUP_ERROR_CODES])
      expect(new Set(list).size).toBe(list.length);
  });
});
