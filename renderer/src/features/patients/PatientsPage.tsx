import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../shared/components/EmptyState';
import { PeopleIcon } from '../../shared/components/icons';
import { NewPatientDialog } from './components/NewPatientDialog';
import { PatientList } from './components/PatientList';
import { agendaError } from '../agenda/errors';
import { navigate, patientPath, useRouter } from '../../lib/router';
import { useClinic } from '../settings/store/clinic';
import { usePatients } from './store/patients';
import { useTimeZone } from '../settings/store/settings';
import { PatientDetailPage } from './PatientDetailPage';

const SEARCH_DELAY_MS = 200;

/** Pacientes: a searchable list beside the open patient's page. */
export function PatientsPage() {
  const { t } = useTranslation();
  const headingId = useId();
  const patientId = useRouter((s) => s.route.patientId ?? null);
  const list = usePatients((s) => s.list);
  const storedQuery = usePatients((s) => s.query);
  const loading = usePatients((s) => s.loading);
  const error = usePatients((s) => s.error);
  const settingsZone = useTimeZone();
  const timeZone = useClinic((s) => s.profile?.timeZone) ?? settingsZone;
  const [query, setQuery] = useState(storedQuery);
  const [creating, setCreating] = useState(false);

  // Back on the page: what changed while away (the list follows push events only while shown).
  useEffect(() => {
    if (usePatients.getState().list) void usePatients.getState().reloadList();
  }, []);

  useEffect(() => {
    if (query === usePatients.getState().query && usePatients.getState().list) return;
    const timer = setTimeout(() => void usePatients.getState().search(query), list ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- search only when the query changes; the list is read for the delay, not a trigger
  }, [query]);

  return (
    <div className={`patients-page ${patientId ? 'patients-page--open' : ''}`}>
      <section className="patients-pane" aria-labelledby={headingId}>
        <div className="patients-pane__head">
          <h1 id={headingId} tabIndex={-1}>
            {t('nav.patients')}
          </h1>
          <button type="button" className="button button--small" onClick={() => setCreating(true)}>
            {t('agenda.patients.new')}
          </button>
        </div>
        <div className="patients-search" role="search">
          <label htmlFor={`${headingId}-q`} className="sr-only">
            {t('agenda.patients.searchLabel')}
          </label>
          <input
            id={`${headingId}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('agenda.patients.searchPlaceholder')}
            autoComplete="off"
          />
          <p className="sr-only" role="status">
            {list && !loading ? t('agenda.patients.found', { count: list.length }) : ''}
          </p>
        </div>
        {error ? (
          <div className="notice notice--error" role="alert">
            <span>{`${t('agenda.patients.loadError')} ${agendaError(t, error)}`}</span>
            <button type="button" className="link-button" onClick={() => void usePatients.getState().reloadList()}>
              {t('app.retry')}
            </button>
          </div>
        ) : null}
        {!list && !error ? (
          <p className="muted patients-loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t('app.loading')}
          </p>
        ) : null}
        {list && list.length === 0 ? (
          storedQuery.trim() ? (
            <p className="muted patients-none">{t('agenda.patients.noneFound', { query: storedQuery.trim() })}</p>
          ) : (
            <EmptyState icon={<PeopleIcon />} title={t('agenda.patients.emptyTitle')}>
              <p>{t('agenda.patients.emptyBody')}</p>
            </EmptyState>
          )
        ) : null}
        {list && list.length > 0 ? (
          <PatientList patients={list} selectedId={patientId} labelledBy={headingId} timeZone={timeZone} />
        ) : null}
      </section>
      <section className="patient-detail-pane">
        {patientId ? (
          <PatientDetailPage key={patientId} patientId={patientId} timeZone={timeZone} />
        ) : (
          <EmptyState icon={<PeopleIcon />} title={t('agenda.patients.pickTitle')}>
            <p>{t('agenda.patients.pickBody')}</p>
          </EmptyState>
        )}
      </section>
      {creating ? (
        <NewPatientDialog
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            void usePatients.getState().reloadList();
            navigate(patientPath(p.id));
          }}
        />
      ) : null}
    </div>
  );
}
