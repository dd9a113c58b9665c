import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../agenda/api/agenda';
import type { Patient } from '../../../shared/api/types';
import { formatPhone } from '../../../lib/phone';

interface Props {
  label: string;
  value: Patient | null;
  onChange(p: Patient | null): void;
  /** Offers "Crear paciente «…»" as the last option; called with what was typed. */
  onCreate?(query: string): void;
  /** A patient not to offer (merging a patient into itself makes no sense). */
  excludeId?: number;
  autoFocus?: boolean;
}

const SEARCH_DELAY_MS = 180;

/** Search-as-you-type for a patient (name, phone digits or e-mail): an accessible combobox. */
export function PatientPicker({ label, value, onChange, onCreate, excludeId, autoFocus = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Patient[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [searching, setSearching] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setSearching(false);
      return;
    }
    let cancelled = false;
    setSearching(true);
    const timer = setTimeout(() => {
      agendaApi
        .patients({ q, limit: 8 })
        .then((list) => {
          if (cancelled) return;
          setResults(list.filter((p) => p.id !== excludeId));
          setActive(0);
        })
        .catch(() => !cancelled && setResults([]))
        .finally(() => !cancelled && setSearching(false));
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, excludeId]);

  const canCreate = Boolean(onCreate && query.trim());
  const count = results.length + (canCreate ? 1 : 0);

  const choose = (index: number) => {
    const p = results[index];
    if (p) {
      onChange(p);
      setQuery('');
      setOpen(false);
    } else if (canCreate && onCreate) {
      onCreate(query.trim());
      setOpen(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (count) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (e.key === 'Enter' && open && count > 0) {
      e.preventDefault(); // picks the option instead of submitting the form
      choose(active);
    } else if (e.key === 'Escape' && open && query.trim() !== '') {
      e.preventDefault();
      e.stopPropagation(); // closes the list, not the dialog
      setOpen(false);
    }
  };

  if (value) {
    return (
      <div className="field">
        <span className="field__label" id={`${id}-label`}>
          {label}
        </span>
        <div className="picked" aria-labelledby={`${id}-label`} role="group">
          <span className="picked__name">{value.displayName}</span>
          {value.phone ? <span className="muted">{formatPhone(value.phone)}</span> : null}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onChange(null);
              requestAnimationFrame(() => input.current?.focus());
            }}
          >
            {t('agenda.patients.picker.change')}
          </button>
        </div>
      </div>
    );
  }

  const listId = `${id}-list`;
  const showList = open && query.trim() !== '';
  return (
    <div className="field combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && count ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        placeholder={t('agenda.patients.picker.placeholder')}
        value={query}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {showList ? (
        <ul className="combobox__list" id={listId} role="listbox" aria-label={label}>
          {results.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className="combobox__option"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
            >
              <span className="combobox__name">{p.displayName}</span>
              <span className="muted small">
                {[p.phone ? formatPhone(p.phone) : null, p.email].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
          {canCreate ? (
            <li
              id={`${id}-opt-${results.length}`}
              role="option"
              aria-selected={active === results.length}
              className="combobox__option combobox__option--create"
              onMouseDown={(e) => {
                e.preventDefault();
                choose(results.length);
              }}
            >
              {t('agenda.patients.picker.create', { query: query.trim() })}
            </li>
          ) : null}
          {!canCreate && results.length === 0 ? (
            <li className="combobox__empty" role="presentation">
              {searching ? t('app.loading') : t('agenda.patients.picker.none')}
            </li>
          ) : null}
        </ul>
      ) : null}
      <p className="sr-only" role="status">
        {showList && !searching ? t('agenda.patients.picker.count', { count: results.length }) : ''}
      </p>
    </div>
  );
}
