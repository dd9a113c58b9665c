import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { Practitioner } from '../../../../shared/api/types';
import { useClinic } from '../../store/clinic';
import { Dialog, DialogActions } from '../../../../shared/components/Dialog';
import { agendaError } from '../../../agenda/errors';
import { byDay, dayProblem, toWeekly, type HoursByDay } from './hours';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

/** Calm, distinct colours that keep white or black text readable. */
export const PALETTE = ['#1c6b62', '#2a62d6', '#8e44ad', '#c0392b', '#d35400', '#b7950b', '#16a085', '#6d4c41'];

export function PractitionerDialog({ practitioner, onClose }: { practitioner: Practitioner | null; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const profile = useClinic((s) => s.profile);
  const others = useClinic((s) => s.practitioners);
  const [name, setName] = useState(practitioner?.name ?? '');
  const [specialty, setSpecialty] = useState(practitioner?.specialty ?? '');
  const [color, setColor] = useState(
    practitioner?.color ??
      PALETTE.find((c) => !others?.some((p) => p.color.toLowerCase() === c)) ??
      PALETTE[0] ??
      '#1c6b62',
  );
  const [active, setActive] = useState(practitioner?.active ?? true);
  const [ownHours, setOwnHours] = useState(practitioner?.hours != null);
  const [hours, setHours] = useState<HoursByDay>(() => byDay(practitioner?.hours ?? profile?.openingHours));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameMissing, setNameMissing] = useState(false);

  async function submit() {
    setError(null);
    if (!name.trim()) {
      setNameMissing(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    if (ownHours && hours.some((d) => dayProblem(d) !== null)) return setError(t('agenda.clinic.hours.fixFirst'));
    const body = {
      name: name.trim(),
      specialty: specialty.trim(),
      color,
      active,
      hours: ownHours ? toWeekly(hours) : null,
    };
    setSaving(true);
    try {
      const saved = practitioner
        ? await agendaApi.updatePractitioner(practitioner.id, body)
        : await agendaApi.createPractitioner(body);
      useClinic.getState().putPractitioner(saved);
      onClose();
    } catch (e) {
      setError(
        agendaError(t, e, {
          '/name': t('agenda.clinic.practitioners.name'),
          '/color': t('agenda.clinic.practitioners.color'),
        }),
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={
        practitioner
          ? t('agenda.clinic.practitioners.editTitle', { name: practitioner.name })
          : t('agenda.clinic.practitioners.newTitle')
      }
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={saving}
      wide
      actions={
        <DialogActions
          submitLabel={t('agenda.clinic.save')}
          busyLabel={t('settings.saving')}
          busy={saving}
          error={error}
          onCancel={onClose}
        />
      }
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('agenda.clinic.practitioners.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameMissing(false);
            }}
            maxLength={200}
            required
            aria-invalid={nameMissing}
            aria-describedby={nameMissing ? `${id}-name-err` : undefined}
            autoComplete="off"
          />
          {nameMissing ? (
            <p className="form-error small" id={`${id}-name-err`}>
              {t('agenda.clinic.practitioners.nameRequired')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-spec`}>{t('agenda.clinic.practitioners.specialty')}</label>
          <input
            id={`${id}-spec`}
            value={specialty}
            onChange={(e) => setSpecialty(e.target.value)}
            maxLength={200}
            autoComplete="off"
            placeholder={t('agenda.clinic.practitioners.specialtyPlaceholder')}
          />
        </div>
      </div>
      <fieldset className="color-field">
        <legend>{t('agenda.clinic.practitioners.color')}</legend>
        <div className="color-choices">
          {PALETTE.map((c) => (
            <button
              key={c}
              type="button"
              className="color-choice"
              style={{ background: c }}
              aria-pressed={color.toLowerCase() === c}
              aria-label={t('agenda.clinic.practitioners.colorChoice', { color: c })}
              onClick={() => setColor(c)}
            />
          ))}
          <label className="color-custom">
            <span>{t('agenda.clinic.practitioners.colorCustom')}</span>
            <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
          </label>
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('agenda.clinic.practitioners.active')}
      </label>
      <fieldset className="radio-group">
        <legend>{t('agenda.clinic.practitioners.hours')}</legend>
        <label className="check">
          <input type="radio" name={`${id}-hours`} checked={!ownHours} onChange={() => setOwnHours(false)} />
          {t('agenda.clinic.practitioners.useClinicHours')}
        </label>
        <label className="check">
          <input type="radio" name={`${id}-hours`} checked={ownHours} onChange={() => setOwnHours(true)} />
          {t('agenda.clinic.practitioners.useOwnHours')}
        </label>
      </fieldset>
      {ownHours ? (
        <WeeklyHoursEditor label={t('agenda.clinic.practitioners.ownHours')} value={hours} onChange={setHours} />
      ) : null}
    </Dialog>
  );
}
