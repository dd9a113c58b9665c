import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { formatDateInput, parseDateInput } from '../../lib/date-input';
import { CalendarIcon } from './icons';

interface Props {
  id: string;
  label: string;
  /** 'YYYY-MM-DD', or '' while none is chosen. */
  value: string;
  /** A whole date as 'YYYY-MM-DD', or '' while what is typed is not one yet. */
  onChange(value: string): void;
  min?: string | undefined;
}

/**
 * A labelled date field written the app's way (dd/mm/aaaa in Spanish) with the day it
 * names spelled out under it ("miércoles 18 de noviembre"), and a button for the
 * browser's calendar. Chromium writes an <input type="date"> in the PC's language, so a
 * Spanish desk on an English Windows read 11/18/2026; the typed field never does.
 */
export function DateField({ id, label, value, onChange, min }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState(() => formatDateInput(value, lang));
  const [touched, setTouched] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (a reset, the calendar) or another language rewrites the text;
  // what is being typed stays while it is not a whole date yet.
  useEffect(() => {
    if ((parseDateInput(text, lang) ?? '') !== value) setText(formatDateInput(value, lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the value and the language move the text
  }, [value, lang]);

  const parsed = parseDateInput(text, lang);
  const invalid = touched && text.trim() !== '' && parsed === null;
  // 'YYYY-MM-DD' read at noon UTC, so the day shown is that date in any zone.
  const hint = invalid
    ? t('dateField.invalid', { pattern: t('dateField.pattern') })
    : parsed
      ? formatDay(`${parsed}T12:00:00Z`, lang, 'UTC')
      : t('dateField.pattern');

  function openCalendar() {
    const native = picker.current;
    if (!native) return;
    try {
      native.showPicker();
    } catch {
      // A browser without showPicker (or one that refuses it): the typed field still works.
      document.getElementById(id)?.focus();
    }
  }

  return (
    <div className="field date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-field__control">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.pattern')}
          value={text}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-day`}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseDateInput(e.target.value, lang) ?? '');
          }}
          onBlur={() => {
            setTouched(true);
            if (parsed) setText(formatDateInput(parsed, lang));
          }}
        />
        <button
          type="button"
          className="button button--secondary date-field__pick"
          aria-label={t('dateField.pick', { label })}
          title={t('dateField.pick', { label })}
          onClick={openCalendar}
        >
          <CalendarIcon />
        </button>
        {/* Only the browser's calendar pop-up: the typed field above is what people read and use. */}
        <input
          ref={picker}
          type="date"
          className="date-field__native"
          tabIndex={-1}
          aria-hidden="true"
          value={value}
          min={min}
          onChange={(e) => {
            setTouched(false);
            onChange(e.target.value);
          }}
        />
      </div>
      <p id={`${id}-day`} className={invalid ? 'hint form-error' : 'hint'}>
        {hint}
      </p>
    </div>
  );
}
