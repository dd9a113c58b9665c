import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitlistEntry, WaitlistOffer } from '../../../shared/api/types';
import { useWaitlistVersion, waitlistApi } from '../../agenda/api/waitlist';
import { agendaError } from '../../agenda/errors';
import { WaitlistEntryList, WaitlistOfferList } from '../../agenda/components/WaitlistLists';

/** The patient's waitlist entries and the offers they got, on their page. */
export function PatientWaitlist({ patientId, timeZone }: { patientId: number; timeZone: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<WaitlistEntry[] | null>(null);
  const [offers, setOffers] = useState<WaitlistOffer[]>([]);
  const [removing, setRemoving] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, sent] = await Promise.all([waitlistApi.entries(patientId), waitlistApi.offers(patientId)]);
      setEntries(list);
      setOffers(sent);
      setError(null);
    } catch (e) {
      setError(`${t('waitlist.loadError')} ${agendaError(t, e)}`);
    }
  }, [patientId, t]);
  // Read again whenever the waitlist changes anywhere (an offer sent, answered or expired; another PC).
  const version = useWaitlistVersion((s) => s.version);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function remove(entry: WaitlistEntry) {
    setRemoving(entry.id);
    try {
      await waitlistApi.remove(entry.id);
      await load();
    } catch (e) {
      setError(agendaError(t, e));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <section className="patient-section" aria-labelledby="patient-waitlist">
      <h3 id="patient-waitlist">{t('waitlist.patientSection')}</h3>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {entries === null ? null : entries.length === 0 ? (
        <p className="muted">{t('waitlist.patientEmpty')}</p>
      ) : (
        <WaitlistEntryList entries={entries} showPatient={false} removing={removing} onRemove={(e) => void remove(e)} />
      )}
      {offers.length ? (
        <>
          <h4 className="subhead">{t('waitlist.offers')}</h4>
          <WaitlistOfferList offers={offers} timeZone={timeZone} showPatient={false} />
        </>
      ) : null}
    </section>
  );
}
