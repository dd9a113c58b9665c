import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../api/agenda';
import type { Slot } from '../../../shared/api/types';
import { agendaError } from '../errors';
import { dayBounds } from '../time';

interface Props {
  serviceId: number | null;
  practitionerId: number | null;
  /** The local day to start looking from. */
  date: string;
  timeZone: string;
  /** The chosen start, to mark it when it is one of the free slots. */
  selected: string | null;
  onPick(slot: Slot): void;
  /**
   * The free slot at the chosen start (the chosen practitioner's, else the first listed), null
   * when that start is not free, undefined while unknown. With no practitioner chosen, this slot
   * is the choice: the one marked, the one a booking uses.
   */
  onMatch?(slot: Slot | null | undefined): void;
}

const LIMIT = 12;

/** The next free times for the service from the chosen day on, to pick with one click. */
export function SlotList({ serviceId, practitionerId, date, timeZone, selected, onPick, onMatch }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; slots: Slot[] } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  useEffect(() => {
    const bounds = dayBounds(date, timeZone);
    if (!serviceId || !bounds) {
      setState({ kind: 'idle' });
      return;
    }
    let cancelled = false;
    setState({ kind: 'loading' });
    // Around the chosen time (an hour before it), else from the start of that day; never the past.
    const around = selected ? Date.parse(selected) - 60 * 60_000 : Number.NaN;
    const from = new Date(
      Math.max(Date.parse(bounds.from), Number.isNaN(around) ? 0 : around, Date.now()),
    ).toISOString();
    agendaApi
      .availability({ serviceId, ...(practitionerId ? { practitionerId } : {}), from, limit: LIMIT })
      .then((a) => !cancelled && setState({ kind: 'ready', slots: a.slots }))
      .catch((e: unknown) => !cancelled && setState({ kind: 'error', message: agendaError(t, e) }));
    return () => {
      cancelled = true;
    };
  }, [serviceId, practitionerId, date, timeZone, selected, t]);

  const slots = state.kind === 'ready' ? state.slots : [];
  const match =
    state.kind === 'ready' && selected
      ? (slots.find(
          (s) =>
            Date.parse(s.start) === Date.parse(selected) && (!practitionerId || s.practitionerId === practitionerId),
        ) ?? null)
      : undefined;
  useEffect(() => onMatch?.(match), [match, onMatch]);

  if (state.kind === 'idle') return <p className="hint">{t('agenda.slots.pickService')}</p>;
  return (
    <div className="slots" aria-busy={state.kind === 'loading'}>
      <p className="slots__title" id={titleId}>
        {t('agenda.slots.title')}
      </p>
      {state.kind === 'loading' ? (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> {t('agenda.slots.loading')}
        </p>
      ) : null}
      {state.kind === 'error' ? <p className="form-error">{state.message}</p> : null}
      {state.kind === 'ready' && slots.length === 0 ? <p className="muted">{t('agenda.slots.none')}</p> : null}
      {slots.length > 0 ? (
        <ul className="slots__list" aria-labelledby={titleId}>
          {slots.map((s) => {
            const isSelected = s === match;
            return (
              <li key={`${s.start}-${s.practitionerId}`}>
                <button
                  type="button"
                  className={`slot ${isSelected ? 'slot--selected' : ''}`}
                  aria-pressed={isSelected}
                  onClick={() => onPick(s)}
                >
                  <span>{s.label}</span>
                  {practitionerId ? null : <span className="slot__who">{s.practitionerName}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
