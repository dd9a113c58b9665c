import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient, WaitlistEntry, WaitlistOffer } from '../../../shared/api/types';
import { DateField } from '../../../shared/components/DateField';
import { Dialog } from '../../../shared/components/Dialog';
import { EmptyState } from '../../../shared/components/EmptyState';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { PatientPicker } from '../../patients/components/PatientPicker';
import { activePractitioners, useClinic } from '../../settings/store/clinic';
import { useWaitlistVersion, waitlistApi } from '../api/waitlist';
import { agendaError } from '../errors';
import { localParts } from '../time';
import { WaitlistEntryList, WaitlistOfferList } from './WaitlistLists';

const DAY = 86_400_000;
/** The range a new entry starts with: the next two weeks. */
const DEFAULT_DAYS = 14;
type DayPart = WaitlistEntry['dayPart'];

/** Agenda › Lista de espera: add a patient, see who waits and what was offered, remove. */
export function WaitlistDialog({ timeZone, onClose }: { timeZone: string; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const services = useClinic((s) => s.services);
  const allPractitioners = useClinic((s) => s.practitioners);
  const activeServices = useMemo(() => (services ?? []).filter((s) => s.active), [services]);

  const [entries, setEntries] = useState<WaitlistEntry[] | null>(null);
  const [offers, setOffers] = useState<WaitlistOffer[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [serviceId, setServiceId] = useState<number | null>(
    activeServices.length === 1 ? (activeServices[0]?.id ?? null) : null,
  );
  const [practitionerId, setPractitionerId] = useState<number | null>(null);
  const [fromDate, setFromDate] = useState(() => localParts(new Date(), timeZone).date);
  const [toDate, setToDate] = useState(() => localParts(new Date(Date.now() + DEFAULT_DAYS * DAY), timeZone).date);
  const [dayPart, setDayPart] = useState<DayPart>('any');
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const service = activeServices.find((s) => s.id === serviceId) ?? null;
  const practitioners = activePractitioners(allPractitioners).filter(
    (p) => !service || service.practitionerIds.length === 0 || service.practitionerIds.includes(p.id),
  );

  const load = useCallback(async () => {
    try {
      const [list, sent] = await Promise.all([waitlistApi.entries(), waitlistApi.offers()]);
      setEntries(list);
      setOffers(sent);
      setLoadError(null);
    } catch (e) {
      setLoadError(`${t('waitlist.loadError')} ${agendaError(t, e)}`);
    }
  }, [t]);
  useEffect(() => {
    void useClinic.getState().loadAll();
  }, []);
  // Read again whenever the waitlist changes anywhere (an offer sent, answered or expired; another PC).
  const version = useWaitlistVersion((s) => s.version);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function submit() {
    setError(null);
    setMessage(null);
    if (!patient) return setError(t('waitlist.needPatient'));
    if (!serviceId) return setError(t('waitlist.needService'));
    if (!fromDate || !toDate || toDate < fromDate) return setError(t('waitlist.needDates'));
    setSaving(true);
    try {
      const entry = await waitlistApi.add({
        patientId: patient.id,
        serviceId,
        practitionerId,
        fromDate,
        toDate,
        dayPart,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      setMessage(t('waitlist.added', { name: entry.patientName ?? '' }));
      setPatient(null);
      setNotes('');
      await load();
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setSaving(false);
    }
  }

  async function remove(entry: WaitlistEntry) {
    setRemoving(entry.id);
    setError(null);
    try {
      await waitlistApi.remove(entry.id);
      setMessage(t('waitlist.removed', { name: entry.patientName ?? '' }));
      await load();
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <Dialog title={t('waitlist.title')} onClose={onClose} wide busy={saving}>
      <p className="muted waitlist-intro">{t('waitlist.intro')}</p>
      <div className="waitlist-layout">
        <form
          className="waitlist-form"
          aria-labelledby={`${id}-add`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h3 id={`${id}-add`}>{t('waitlist.add')}</h3>
          <PatientPicker label={t('waitlist.fields.patient')} value={patient} onChange={setPatient} autoFocus />
          <div className="waitlist-form__row">
            <div className="field">
              <label htmlFor={`${id}-service`}>{t('waitlist.fields.service')}</label>
              <select
                id={`${id}-service`}
                value={serviceId ?? ''}
                onChange={(e) => setServiceId(e.target.value ? Number(e.target.value) : null)}
              >
                <option value="">{t('waitlist.fields.chooseService')}</option>
                {activeServices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-pract`}>{t('waitlist.fields.practitioner')}</label>
              <select
                id={`${id}-pract`}
                value={practitionerId ?? ''}
                onChange={(e) => setPractitionerId(e.target.value ? Number(e.target.value) : null)}
              >
                <option value="">{t('waitlist.fields.anyPractitioner')}</option>
                {practitioners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="waitlist-form__row">
            <DateField id={`${id}-from`} label={t('waitlist.fields.from')} value={fromDate} onChange={setFromDate} />
            <DateField
              id={`${id}-to`}
              label={t('waitlist.fields.to')}
              value={toDate}
              min={fromDate || undefined}
              onChange={setToDate}
            />
          </div>
          <div className="waitlist-form__row">
            <div className="field">
              <label htmlFor={`${id}-part`}>{t('waitlist.fields.dayPart')}</label>
              <select id={`${id}-part`} value={dayPart} onChange={(e) => setDayPart(e.target.value as DayPart)}>
                {(['any', 'morning', 'afternoon'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`waitlist.dayParts.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-notes`}>{t('waitlist.fields.notes')}</label>
              <input id={`${id}-notes`} value={notes} maxLength={500} onChange={(e) => setNotes(e.target.value)} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={saving}>
              {saving ? <span className="spinner" aria-hidden="true" /> : null}
              {saving ? t('waitlist.adding') : t('waitlist.add')}
            </button>
          </div>
          <FormFeedback message={message} error={error} ok />
        </form>

        <div className="waitlist-lists">
          <section aria-labelledby={`${id}-waiting`}>
            <h3 id={`${id}-waiting`}>{t('waitlist.waiting')}</h3>
            {loadError ? (
              <p className="form-error" role="alert">
                {loadError}{' '}
                <button type="button" className="link-button" onClick={() => void load()}>
                  {t('app.retry')}
                </button>
              </p>
            ) : entries === null ? (
              <p className="muted" role="status">
                <span className="spinner" aria-hidden="true" /> {t('waitlist.loading')}
              </p>
            ) : entries.length === 0 ? (
              <EmptyState title={t('waitlist.emptyTitle')}>
                <p>{t('waitlist.emptyBody')}</p>
              </EmptyState>
            ) : (
              <WaitlistEntryList entries={entries} removing={removing} onRemove={(e) => void remove(e)} />
            )}
          </section>

          <section aria-labelledby={`${id}-offers`}>
            <h3 id={`${id}-offers`}>{t('waitlist.offers')}</h3>
            <WaitlistOfferList offers={offers} timeZone={timeZone} />
          </section>
        </div>
      </div>
    </Dialog>
  );
}
