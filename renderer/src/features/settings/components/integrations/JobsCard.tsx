import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';
import type { JobInfo, JobRun } from '../../../../shared/api/types';
import { listJobs, PUBLIC_JOBS, runJob } from '../../api/integrations';
import { useClinicZone } from '../backups/BackupSettings';

type PublicJob = (typeof PUBLIC_JOBS)[number];
const isPublic = (name: string): name is PublicJob => (PUBLIC_JOBS as readonly string[]).includes(name);

/** Automatizaciones: the public jobs this Recepta has, each with its last run and "Ejecutar ahora". */
export function JobsCard() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zone = useClinicZone();
  const [jobs, setJobs] = useState<JobInfo[] | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    listJobs()
      .then((all) => setJobs(all.filter((j) => isPublic(j.name))))
      .catch((err: unknown) => setError(errorMessage(t, err)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the section opens
  }, []);

  async function run(name: string) {
    setRunning(name);
    setError(null);
    try {
      await runJob(name);
    } catch (err) {
      setError(errorMessage(t, err));
    }
    setRunning(null);
    await load();
  }

  const describe = (r: JobRun) =>
    t('integrations.jobs.last', {
      when: formatDateTime(new Date(r.startedAt).toISOString(), i18n.language, zone),
      result:
        r.status === 'error'
          ? t('integrations.jobs.error', { error: r.error ?? '' })
          : r.status === 'running'
            ? t('integrations.jobs.running')
            : t('integrations.jobs.ok', { count: r.items }),
    });

  const shown = (jobs ?? []).sort(
    (a, b) => PUBLIC_JOBS.indexOf(a.name as PublicJob) - PUBLIC_JOBS.indexOf(b.name as PublicJob),
  );
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="automations">
      <h2 id={`${id}-title`}>{t('integrations.jobs.title')}</h2>
      <p className="hint">{t('integrations.jobs.intro')}</p>
      {jobs && shown.length === 0 ? <p className="hint">{t('integrations.jobs.empty')}</p> : null}
      <ul className="integration-jobs">
        {shown.map((j) => (
          <li key={j.name} className="integration-jobs__row">
            <strong>{t(`integrations.jobs.names.${j.name as PublicJob}`)}</strong>
            <span className="hint" role="status">
              {running === j.name
                ? t('integrations.jobs.running')
                : j.lastRuns[0]
                  ? describe(j.lastRuns[0])
                  : t('integrations.jobs.never')}
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={running !== null}
              onClick={() => void run(j.name)}
              aria-label={`${t('integrations.jobs.run')}: ${t(`integrations.jobs.names.${j.name as PublicJob}`)}`}
            >
              {running === j.name ? t('integrations.jobs.running') : t('integrations.jobs.run')}
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
