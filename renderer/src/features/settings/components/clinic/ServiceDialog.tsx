import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agendaApi } from '../../../agenda/api/agenda';
import type { Service } from '../../../../shared/api/types';
import { activePractitioners, useClinic } from '../../store/clinic';
import { Dialog, DialogActions } from '../../../../shared/components/Dialog';
import { agendaError } from '../../../agenda/errors';
import { parsePrice, priceInput } from './money';

type NumberField =
  | 'durationMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minNoticeHours'
  | 'maxAdvanceDays'
  | 'slotMinutes'
  | 'maxPerDay';
/** Left empty, these mean "the clinic's slot size" and "no limit". */
const OPTIONAL = new Set<NumberField>(['slotMinutes', 'maxPerDay']);
const LIMITS: Record<NumberField, { min: number; max: number; step?: number }> = {
  durationMinutes: { min: 5, max: 24 * 60 },
  bufferBeforeMinutes: { min: 0, max: 240 },
  bufferAfterMinutes: { min: 0, max: 240 },
  minNoticeHours: { min: 0, max: 24 * 60 },
  maxAdvanceDays: { min: 1, max: 730 },
  slotMinutes: { min: 5, max: 12 * 60, step: 5 },
  maxPerDay: { min: 1, max: 200 },
};

export function ServiceDialog({ service, onClose }: { service: Service | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const profile = useClinic((s) => s.profile);
  const practitioners = activePractitioners(useClinic((s) => s.practitioners));
  const currency = service?.currency ?? profile?.currency ?? 'ARS';
  const profileSlot = profile?.slotMinutes ?? 15;
  const [name, setName] = useState(service?.name ?? '');
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    durationMinutes: String(service?.durationMinutes ?? 30),
    bufferBeforeMinutes: String(service?.bufferBeforeMinutes ?? 0),
    bufferAfterMinutes: String(service?.bufferAfterMinutes ?? 0),
    minNoticeHours: String((service?.minNoticeMinutes ?? 120) / 60),
    maxAdvanceDays: String(service?.maxAdvanceDays ?? 60),
    slotMinutes: service?.slotMinutes ? String(service.slotMinutes) : '',
    maxPerDay: service?.maxPerDay ? String(service.maxPerDay) : '',
  });
  const [price, setPrice] = useState(service ? priceInput(service.priceCents, i18n.language) : '');
  const [performers, setPerformers] = useState<number[]>(service?.practitionerIds ?? practitioners.map((p) => p.id));
  const [active, setActive] = useState(service?.active ?? true);
  const [preparation, setPreparation] = useState(service?.preparation ?? '');
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function validate(): Set<string> {
    const bad = new Set<string>();
    if (!name.trim()) bad.add('name');
    for (const [k, lim] of Object.entries(LIMITS) as Array<[NumberField, (typeof LIMITS)[NumberField]]>) {
      if (OPTIONAL.has(k) && numbers[k].trim() === '') continue;
      const n = Number(numbers[k].replace(',', '.'));
      if (numbers[k].trim() === '' || !Number.isFinite(n) || n < lim.min || n > lim.max) bad.add(k);
      else if (lim.step && n % lim.step !== 0) bad.add(k);
    }
    if (parsePrice(price) === null) bad.add('price');
    return bad;
  }

  async function submit() {
    setError(null);
    const bad = validate();
    setInvalid(bad);
    if (bad.size > 0) {
      setError(t('agenda.clinic.services.fixFields'));
      return;
    }
    const n = (k: NumberField) => Number(numbers[k].replace(',', '.'));
    const optional = (k: NumberField) => (numbers[k].trim() === '' ? null : Math.round(n(k)));
    const body = {
      name: name.trim(),
      durationMinutes: Math.round(n('durationMinutes')),
      priceCents: parsePrice(price) ?? 0,
      currency,
      bufferBeforeMinutes: Math.round(n('bufferBeforeMinutes')),
      bufferAfterMinutes: Math.round(n('bufferAfterMinutes')),
      minNoticeMinutes: Math.round(n('minNoticeHours') * 60),
      maxAdvanceDays: Math.round(n('maxAdvanceDays')),
      slotMinutes: optional('slotMinutes'),
      maxPerDay: optional('maxPerDay'),
      practitionerIds: performers,
      active,
      preparation,
    };
    setSaving(true);
    try {
      const saved = service ? await agendaApi.updateService(service.id, body) : await agendaApi.createService(body);
      useClinic.getState().putService(saved);
      onClose();
    } catch (e) {
      setError(
        agendaError(t, e, {
          '/name': t('agenda.clinic.services.name'),
          '/durationMinutes': t('agenda.clinic.services.duration'),
          '/priceCents': t('agenda.clinic.services.price'),
        }),
      );
    } finally {
      setSaving(false);
    }
  }

  const placeholder = (k: NumberField) =>
    k === 'slotMinutes'
      ? String(profileSlot)
      : k === 'maxPerDay'
        ? t('agenda.clinic.services.placeholders.maxPerDay')
        : undefined;
  const numberField = (k: NumberField, unit: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(`agenda.clinic.services.fields.${k}`)}</label>
      <div className="input-unit">
        <input
          id={`${id}-${k}`}
          inputMode="decimal"
          value={numbers[k]}
          placeholder={placeholder(k)}
          aria-invalid={invalid.has(k)}
          aria-describedby={`${id}-${k}-hint`}
          onChange={(e) => {
            setNumbers((v) => ({ ...v, [k]: e.target.value }));
            setInvalid((bad) => (bad.has(k) ? new Set([...bad].filter((x) => x !== k)) : bad));
          }}
        />
        <span className="input-unit__unit" aria-hidden="true">
          {unit}
        </span>
      </div>
      <p className={invalid.has(k) ? 'form-error small' : 'hint'} id={`${id}-${k}-hint`}>
        {invalid.has(k)
          ? t(LIMITS[k].step ? 'agenda.clinic.services.betweenStep' : 'agenda.clinic.services.between', {
              min: LIMITS[k].min,
              max: LIMITS[k].max,
              step: LIMITS[k].step,
              unit,
            })
          : t(`agenda.clinic.services.hints.${k}`, { minutes: profileSlot })}
      </p>
    </div>
  );

  return (
    <Dialog
      title={
        service ? t('agenda.clinic.services.editTitle', { name: service.name }) : t('agenda.clinic.services.newTitle')
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
        <div className="field field--grow">
          <label htmlFor={`${id}-name`}>{t('agenda.clinic.services.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
            aria-invalid={invalid.has('name')}
            autoComplete="off"
            placeholder={t('agenda.clinic.services.namePlaceholder')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-price`}>{t('agenda.clinic.services.priceIn', { currency })}</label>
          <input
            id={`${id}-price`}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            aria-invalid={invalid.has('price')}
            placeholder="25000"
          />
        </div>
      </div>
      <div className="field-row">
        {numberField('durationMinutes', t('agenda.clinic.unit.min'))}
        {numberField('bufferBeforeMinutes', t('agenda.clinic.unit.min'))}
        {numberField('bufferAfterMinutes', t('agenda.clinic.unit.min'))}
      </div>
      <div className="field-row">
        {numberField('minNoticeHours', t('agenda.clinic.unit.hours'))}
        {numberField('maxAdvanceDays', t('agenda.clinic.unit.days'))}
      </div>
      <div className="field-row">
        {numberField('slotMinutes', t('agenda.clinic.unit.min'))}
        {numberField('maxPerDay', t('agenda.clinic.unit.appointments'))}
      </div>
      <fieldset className="checks">
        <legend>{t('agenda.clinic.services.performers')}</legend>
        {practitioners.length === 0 ? <p className="hint">{t('agenda.clinic.services.noPractitioners')}</p> : null}
        {practitioners.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={performers.includes(p.id)}
              onChange={(e) =>
                setPerformers((list) => (e.target.checked ? [...list, p.id] : list.filter((x) => x !== p.id)))
              }
            />
            <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('agenda.clinic.services.active')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-prep`}>{t('agenda.clinic.services.preparation')}</label>
        <textarea
          id={`${id}-prep`}
          rows={3}
          maxLength={4000}
          value={preparation}
          onChange={(e) => setPreparation(e.target.value)}
          aria-describedby={`${id}-prep-hint`}
        />
        <p className="hint" id={`${id}-prep-hint`}>
          {t('agenda.clinic.services.preparationHint')}
        </p>
      </div>
    </Dialog>
  );
}
