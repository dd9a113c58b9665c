import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_FILTERS, type ListFilter } from '../store/conversations';

interface Props {
  value: ListFilter;
  onChange(filter: ListFilter): void;
  /** The element the tabs filter (the list). */
  panelId: string;
  idPrefix: string;
}

/** Todos / WhatsApp / Instagram / Facebook / Necesita humano, as tabs (← → Home End move between them). */
export function ListFilters({ value, onChange, panelId, idPrefix }: Props) {
  const { t } = useTranslation();

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const index = LIST_FILTERS.indexOf(value);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (index + 1) % LIST_FILTERS.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + LIST_FILTERS.length) % LIST_FILTERS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = LIST_FILTERS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const filter = LIST_FILTERS[next]!;
    onChange(filter);
    requestAnimationFrame(() => document.getElementById(`${idPrefix}-${filter}`)?.focus());
  };

  return (
    <div className="filters" role="tablist" aria-label={t('conversations.filtersLabel')}>
      {LIST_FILTERS.map((f) => (
        <button
          key={f}
          id={`${idPrefix}-${f}`}
          type="button"
          role="tab"
          className={`filters__tab ${f === 'human' ? 'filters__tab--human' : ''}`}
          aria-selected={f === value}
          aria-controls={panelId}
          tabIndex={f === value ? 0 : -1}
          onClick={() => onChange(f)}
          onKeyDown={onKeyDown}
        >
          {t(`conversations.filter.${f}`)}
        </button>
      ))}
    </div>
  );
}
