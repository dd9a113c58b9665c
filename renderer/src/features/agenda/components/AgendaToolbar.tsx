import { useTranslation } from 'react-i18next';
import { CALENDAR_VIEWS, useAgenda, type CalendarView } from '../store/agenda';

interface Props {
  title: string;
  onToday(): void;
  onPrev(): void;
  onNext(): void;
  onView(view: CalendarView): void;
  onNew(): void;
  onExport(): void;
  /** Agenda › Lista de espera (issue 17). */
  onWaitlist?(): void;
}

const VIEW_SHORTCUTS: Record<string, Record<CalendarView, string>> = {
  es: { timeGridDay: 'D', timeGridWeek: 'S', dayGridMonth: 'M' },
  en: { timeGridDay: 'D', timeGridWeek: 'W', dayGridMonth: 'M' },
};
const VIEW_KEYS = { timeGridDay: 'day', timeGridWeek: 'week', dayGridMonth: 'month' } as const satisfies Record<
  CalendarView,
  string
>;

export function AgendaToolbar({ title, onToday, onPrev, onNext, onView, onNew, onExport, onWaitlist }: Props) {
  const { t, i18n } = useTranslation();
  const shortcuts = VIEW_SHORTCUTS[i18n.language] ?? VIEW_SHORTCUTS['es'];
  const view = useAgenda((s) => s.view);
  const loading = useAgenda((s) => s.loading);
  return (
    <div className="agenda-toolbar">
      <div className="agenda-toolbar__nav">
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={onToday}
          aria-keyshortcuts="T"
          title={t('agenda.shortcut', { key: 'T' })}
        >
          {t('agenda.today')}
        </button>
        <button
          type="button"
          className="button button--quiet button--small icon-button"
          onClick={onPrev}
          aria-label={t(`agenda.prev.${VIEW_KEYS[view]}`)}
          aria-keyshortcuts="ArrowLeft"
          title={t('agenda.shortcut', { key: '←' })}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button
          type="button"
          className="button button--quiet button--small icon-button"
          onClick={onNext}
          aria-label={t(`agenda.next.${VIEW_KEYS[view]}`)}
          aria-keyshortcuts="ArrowRight"
          title={t('agenda.shortcut', { key: '→' })}
        >
          <span aria-hidden="true">›</span>
        </button>
        <h2 className="agenda-toolbar__title" aria-live="polite">
          {title}
        </h2>
        {loading ? (
          <span className="agenda-toolbar__loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span className="sr-only">{t('app.loading')}</span>
          </span>
        ) : null}
      </div>
      <div className="agenda-toolbar__actions">
        <div className="segmented" role="group" aria-label={t('agenda.viewLabel')}>
          {CALENDAR_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              className="segmented__item"
              aria-pressed={view === v}
              onClick={() => onView(v)}
              aria-keyshortcuts={shortcuts?.[v]}
              title={t('agenda.shortcut', { key: shortcuts?.[v] })}
            >
              {t(`agenda.view.${VIEW_KEYS[v]}`)}
            </button>
          ))}
        </div>
        {onWaitlist ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={onWaitlist}
            aria-keyshortcuts="L"
            title={t('agenda.shortcut', { key: 'L' })}
          >
            {t('waitlist.button')}
          </button>
        ) : null}
        <button type="button" className="button button--quiet button--small" onClick={onExport}>
          {t('agenda.export.button')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={onNew}
          aria-keyshortcuts="N"
          title={t('agenda.shortcut', { key: 'N' })}
        >
          {t('agenda.new')}
        </button>
      </div>
    </div>
  );
}
