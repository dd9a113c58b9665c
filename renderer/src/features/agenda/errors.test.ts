import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { ApiError } from '../../shared/api/client';
import { agendaError } from './errors';

const taken = () => new ApiError(409, 'SLOT_TAKEN', 'La Dra. Prueba ya tiene un turno a esa hora.');

describe('agendaError', () => {
  afterEach(() => i18n.changeLanguage('es'));

  it("shows the agenda's own Spanish reason, which names who and when, in a Spanish interface", async () => {
    await i18n.changeLanguage('es');
    expect(agendaError(i18n.t, taken())).toBe('La Dra. Prueba ya tiene un turno a esa hora.');
  });

  it('shows the translation of the code in an English interface, never the Spanish text', async () => {
    await i18n.changeLanguage('en');
    expect(agendaError(i18n.t, taken())).toBe('That time is already taken. Choose another one.');
  });
});
