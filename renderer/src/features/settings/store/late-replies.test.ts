// Stores that a push event reloads: a reply that left before another must not win over it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agendaApi } from '../../agenda/api/agenda';
import { api } from '../../../shared/api/client';
import { held } from '../../../test-support/held';
import type { Practitioner, SettingsView } from '../../../shared/api/types';
import { useClinic } from './clinic';
import { useSettings } from './settings';

afterEach(() => vi.restoreAllMocks());

describe('late replies', () => {
  it('settings: a load sent before a save and answered after it keeps the saved value', async () => {
    const load = held<SettingsView>();
    vi.spyOn(api, 'settings').mockReturnValue(load.promise);
    // Only the key under test matters; the rest of the settings are left out.
    const settings = (name: string) => ({ 'clinic.name': name }) as SettingsView;
    vi.spyOn(api, 'updateSettings').mockResolvedValue(settings('Clínica Nueva'));
    const loading = useSettings.getState().load();
    await useSettings.getState().save({ 'clinic.name': 'Clínica Nueva' });
    load.answer(settings('Clínica Vieja'));
    await loading;
    expect(useSettings.getState().values?.['clinic.name']).toBe('Clínica Nueva');
  });

  it('clinic: a practitioners list sent before a save and answered after it keeps the saved practitioner', async () => {
    const ana = { id: 1, name: 'Ana', active: true } as Practitioner;
    const list = held<Practitioner[]>();
    vi.spyOn(agendaApi, 'practitioners').mockReturnValue(list.promise);
    const loading = useClinic.getState().load('practitioners');
    useClinic.getState().putPractitioner({ ...ana, name: 'Ana Gómez' });
    list.answer([ana]);
    await loading;
    expect(useClinic.getState().practitioners?.map((p) => p.name)).toEqual(['Ana Gómez']);
  });
});
