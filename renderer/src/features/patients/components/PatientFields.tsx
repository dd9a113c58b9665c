import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface PatientDraft {
  displayName: string;
  phone: string;
  email: string;
  birthDate: string;
  notes: string;
}

export const emptyDraft: PatientDraft = { displayName: '', phone: '', email: '', birthDate: '', notes: '' };

/** The body PATCH/POST /api/patients takes: empty optional fields are cleared (null). */
export function draftBody(d: PatientDraft) {
  return {
    displayName: d.displayName.trim(),
    phone: d.phone.trim() || null,
    email: d.email.trim() || null,
    birthDate: d.birthDate || null,
    notes: d.notes,
  };
}

export const patientFieldLabels = (
  t: (
    k:
      | 'agenda.patients.fields.name'
      | 'agenda.patients.fields.phone'
      | 'agenda.patients.fields.email'
      | 'agenda.patients.fields.birthDate',
  ) => string,
) => ({
  '/displayName': t('agenda.patients.fields.name'),
  '/phone': t('agenda.patients.fields.phone'),
  '/email': t('agenda.patients.fields.email'),
  '/birthDate': t('agenda.patients.fields.birthDate'),
});

/** Name, phone, e-mail, birth date and notes; the phone is checked by the core (any common Argentine form). */
export function PatientFields({
  value,
  onChange,
  nameMissing,
}: {
  value: PatientDraft;
  onChange(d: PatientDraft): void;
  nameMissing: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (k: keyof PatientDraft) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('agenda.patients.fields.name')}</label>
        <input
          id={`${id}-name`}
          value={value.displayName}
          onChange={set('displayName')}
          maxLength={200}
          required
          aria-invalid={nameMissing}
          aria-describedby={nameMissing ? `${id}-name-err` : undefined}
          autoComplete="off"
        />
        {nameMissing ? (
          <p className="form-error small" id={`${id}-name-err`}>
            {t('agenda.patients.nameRequired')}
          </p>
        ) : null}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-phone`}>{t('agenda.patients.fields.phone')}</label>
          <input
            id={`${id}-phone`}
            type="tel"
            value={value.phone}
            onChange={set('phone')}
            maxLength={64}
            autoComplete="off"
            aria-describedby={`${id}-phone-hint`}
          />
          <p className="hint" id={`${id}-phone-hint`}>
            {t('agenda.patients.fields.phoneHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('agenda.patients.fields.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            value={value.email}
            onChange={set('email')}
            maxLength={254}
            autoComplete="off"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-birth`}>{t('agenda.patients.fields.birthDate')}</label>
        <input
          id={`${id}-birth`}
          type="date"
          value={value.birthDate}
          onChange={set('birthDate')}
          className="input--date"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('agenda.patients.fields.notes')}</label>
        <textarea id={`${id}-notes`} rows={3} maxLength={4000} value={value.notes} onChange={set('notes')} />
      </div>
    </>
  );
}
