import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../../i18n';
import { BackupNow } from './BackupSettings';
import { useBackups } from '../../store/backups';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <I18nextProvider i18n={i18n}>
        <BackupNow />
      </I18nextProvider>,
    ),
  );
  return { host, unmount: () => act(() => root.unmount()) };
}

describe('Hacer una copia ahora', () => {
  afterEach(() => useBackups.setState({ progress: null, outcome: null }));

  it('shows the phase and a progress bar as backup.progress events arrive, then the outcome', () => {
    const { host, unmount } = mount();
    const button = () => host.querySelector('button')!;
    expect(button().textContent).toBe('Hacer una copia ahora');
    expect(host.querySelector('progress')).toBeNull();

    act(() =>
      useBackups.getState().applyEvent({ type: 'backup.progress', data: { id: 7, phase: 'encrypt', fraction: 0.42 } }),
    );
    expect(button().disabled).toBe(true);
    expect(button().textContent).toBe('Haciendo la copia…');
    expect(host.textContent).toContain('Cifrando y guardando…');
    const bar = host.querySelector('progress')!;
    expect(bar.getAttribute('value')).toBe('42');
    expect(bar.getAttribute('aria-label')).toBe('Avance de la copia');
    expect(host.querySelector('[role="status"]')!.textContent).toContain('42 %');

    act(() => useBackups.setState({ progress: null, outcome: { id: 7, verified: true } }));
    expect(host.querySelector('progress')).toBeNull();
    expect(host.textContent).toContain('Copia hecha y verificada.');
    expect(button().disabled).toBe(false);
    unmount();
  });
});
