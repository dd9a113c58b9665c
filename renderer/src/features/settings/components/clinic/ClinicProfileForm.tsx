import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { ClinicProfile } from '../../../../shared/api/types';
import { useClinic } from '../../store/clinic';
import { agendaError } from '../../../agenda/errors';
import type { SaveStatus } from '../../../../lib/settings-draft';
import { SaveBar } from '../../../../shared/components/SaveBar';
import { TextField } from '../../../../shared/components/TextField';
import { byDay, dayProblem, toWeekly, type HoursByDay } from './hours';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';
import { LoadState } from './LoadState';

type Draft = Omit<ClinicProfile, 'openingHours'> & { openingHours: HoursByDay };

const SLOT_CHOICES = [5, 10, 15, 20, 30, 60];

function zonesWith(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    /* older engines: the current zone only */
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

const toDraft = (p: ClinicProfile): Draft => ({ ...p, openingHours: byDay(p.openingHours) });

export function ClinicProfileForm() {
  const profile = useClinic((s) => s.profile);
  const error = useClinic((s) => s.errors.clinic);
  if (!profile) return <LoadState error={error} onRetry={() => void useClinic.getState().load('clinic')} />;
  return <ProfileForm profile={profile} />;
}

function ProfileForm({ profile }: { profile: ClinicProfile }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(profile));
  const [base, setBase] = useState<ClinicProfile>(profile);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const zones = useMemo(() => zonesWith(draft.timeZone), [draft.timeZone]);

  // Saved elsewhere while untouched here: show the new values.
  useEffect(() => {
    setDraft((d) =>
      JSON.stringify({ ...d, openingHours: toWeekly(d.openingHours) }) === JSON.stringify(base) ? toDraft(profile) : d,
    );
    setBase(profile);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new saved profile; `base` is what the draft is compared with, not a trigger
  }, [profile]);

  const current: ClinicProfile = { ...draft, openingHours: toWeekly(draft.openingHours) };
  const dirty = JSON.stringify(current) !== JSON.stringify(base);
  const hoursInvalid = draft.openingHours.some((d) => dayProblem(d) !== null);

  const set =
    <K extends keyof Draft>(k: K) =>
    (value: Draft[K]) => {
      setDraft((d) => ({ ...d, [k]: value }));
      if (status.kind !== 'saving') setStatus({ kind: 'idle' });
    };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft.name.trim()) return setStatus({ kind: 'error', message: t('agenda.clinic.profile.nameRequired') });
    if (hoursInvalid) return setStatus({ kind: 'error', message: t('agenda.clinic.hours.fixFirst') });
    setStatus({ kind: 'saving' });
    try {
      const saved = await agendaApi.saveClinic(current);
      useClinic.getState().setProfile(saved);
      setBase(saved);
      setDraft(toDraft(saved));
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({
        kind: 'error',
        message: agendaError(t, err, {
          name: t('agenda.clinic.profile.name'),
          email: t('agenda.clinic.profile.email'),
          timeZone: t('agenda.clinic.profile.timeZone'),
          emergencyNumber: t('safety.emergencyNumber.label'),
        }),
      });
    }
  }

  const text = (
    k: 'name' | 'address' | 'phone' | 'email',
    extra: { type?: string; max: number; required?: boolean },
  ) => (
    <TextField
      id={`${id}-${k}`}
      label={t(`agenda.clinic.profile.${k}`)}
      type={extra.type ?? 'text'}
      value={draft[k]}
      maxLength={extra.max}
      required={extra.required}
      onChange={(e) => set(k)(e.target.value)}
    />
  );

  return (
    <form className="settings-form clinic-form" onSubmit={save} noValidate>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('agenda.clinic.profile.title')}</h2>
        <p className="hint">{t('agenda.clinic.profile.intro')}</p>
        {text('name', { max: 200, required: true })}
        {text('address', { max: 500 })}
        <div className="field-row">
          {text('phone', { type: 'tel', max: 64 })}
          {text('email', { type: 'email', max: 254 })}
        </div>
        <TextField
          id={`${id}-emergency`}
          label={t('safety.emergencyNumber.label')}
          hint={t('safety.emergencyNumber.hint')}
          type="tel"
          inputMode="tel"
          value={draft.emergencyNumber ?? ''}
          maxLength={20}
          onChange={(e) => set('emergencyNumber')(e.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-tz`}>{t('agenda.clinic.profile.timeZone')}</label>
          <select
            id={`${id}-tz`}
            value={draft.timeZone}
            onChange={(e) => set('timeZone')(e.target.value)}
            aria-describedby={`${id}-tz-hint`}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-tz-hint`}>
            {t('agenda.clinic.profile.timeZoneHint')}
          </p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-country`}>{t('agenda.clinic.profile.country')}</label>
            <input
              id={`${id}-country`}
              value={draft.defaultCountry}
              maxLength={2}
              onChange={(e) => set('defaultCountry')(e.target.value.toUpperCase())}
              aria-describedby={`${id}-country-hint`}
            />
            <p className="hint" id={`${id}-country-hint`}>
              {t('agenda.clinic.profile.countryHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-currency`}>{t('agenda.clinic.profile.currency')}</label>
            <input
              id={`${id}-currency`}
              value={draft.currency}
              maxLength={3}
              onChange={(e) => set('currency')(e.target.value.toUpperCase())}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-slot`}>{t('agenda.clinic.profile.slotMinutes')}</label>
            <select
              id={`${id}-slot`}
              value={draft.slotMinutes}
              onChange={(e) => set('slotMinutes')(Number(e.target.value))}
            >
              {SLOT_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {t('agenda.clinic.minutes', { count: m })}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-hours`}>
        <h2 id={`${id}-hours`}>{t('agenda.clinic.profile.hoursTitle')}</h2>
        <p className="hint">{t('agenda.clinic.profile.hoursHint')}</p>
        <WeeklyHoursEditor
          label={t('agenda.clinic.profile.hoursTitle')}
          value={draft.openingHours}
          onChange={set('openingHours')}
        />
      </section>
      <section className="card" aria-labelledby={`${id}-policy-title`}>
        <h2 id={`${id}-policy-title`}>{t('agenda.clinic.profile.policyTitle')}</h2>
        <div className="field">
          <label htmlFor={`${id}-policy`}>{t('agenda.clinic.profile.policy')}</label>
          <textarea
            id={`${id}-policy`}
            rows={4}
            maxLength={4000}
            value={draft.cancellationPolicy}
            onChange={(e) => set('cancellationPolicy')(e.target.value)}
            aria-describedby={`${id}-policy-hint`}
          />
          <p className="hint" id={`${id}-policy-hint`}>
            {t('agenda.clinic.profile.policyHint')}
          </p>
        </div>
      </section>
      <SaveBar
        status={status}
        dirty={dirty}
        onDiscard={() => setDraft(toDraft(base))}
        labels={{
          save: t('settings.save'),
          saving: t('settings.saving'),
          discard: t('settings.discard'),
          saved: t('settings.saved'),
          unsaved: t('settings.unsaved'),
        }}
      />
    </form>
  );
}
