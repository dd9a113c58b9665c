import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dayProblem, nextInterval, WEEKDAYS, type HoursByDay } from './hours';

interface Props {
  value: HoursByDay;
  onChange(next: HoursByDay): void;
  /** Labels the group ("Horario de atención"). */
  label: string;
}

/** Opening hours per weekday; several intervals on a day leave a break between them. */
export function WeeklyHoursEditor({ value, onChange, label }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const days = useDayNames();
  const set = (day: number, list: HoursByDay[number]) => onChange(value.map((d, i) => (i === day ? list : d)));
  const copyToWeekdays = (day: number) =>
    onChange(value.map((d, i) => (i < 5 ? (value[day] ?? []).map((iv) => ({ ...iv })) : d)));

  return (
    <fieldset className="hours-editor">
      <legend>{label}</legend>
      {value.map((list, day) => {
        const problem = dayProblem(list);
        const dayName = days[day] ?? String(day + 1);
        return (
          <div
            className="hours-day"
            key={day}
            role="group"
            aria-labelledby={`${id}-d${day}`}
            aria-describedby={problem ? `${id}-p${day}` : undefined}
          >
            <span className="hours-day__name" id={`${id}-d${day}`}>
              {dayName}
            </span>
            <div className="hours-day__intervals">
              {list.length === 0 ? (
                <span className="muted hours-day__closed">{t('agenda.clinic.hours.closed')}</span>
              ) : null}
              {list.map((iv, i) => (
                <div className="interval" key={i}>
                  <input
                    type="time"
                    step={300}
                    value={iv.start}
                    aria-label={t('agenda.clinic.hours.from', { day: dayName, n: i + 1 })}
                    aria-invalid={problem !== null}
                    onChange={(e) =>
                      set(
                        day,
                        list.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)),
                      )
                    }
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="time"
                    step={300}
                    value={iv.end}
                    aria-label={t('agenda.clinic.hours.to', { day: dayName, n: i + 1 })}
                    aria-invalid={problem !== null}
                    onChange={(e) =>
                      set(
                        day,
                        list.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() =>
                      set(
                        day,
                        list.filter((_, j) => j !== i),
                      )
                    }
                    aria-label={t('agenda.clinic.hours.remove', { day: dayName, n: i + 1 })}
                  >
                    {t('agenda.clinic.hours.removeShort')}
                  </button>
                </div>
              ))}
              {problem ? (
                <p className="form-error small" id={`${id}-p${day}`}>
                  {t(`agenda.clinic.hours.problem.${problem}`)}
                </p>
              ) : null}
            </div>
            <div className="hours-day__actions">
              <button
                type="button"
                className="link-button"
                onClick={() => set(day, [...list, nextInterval(list)])}
                aria-label={t('agenda.clinic.hours.addFor', { day: dayName })}
              >
                {list.length === 0 ? t('agenda.clinic.hours.open') : t('agenda.clinic.hours.add')}
              </button>
              {day === 0 && list.length > 0 ? (
                <button type="button" className="link-button" onClick={() => copyToWeekdays(0)}>
                  {t('agenda.clinic.hours.copyWeekdays')}
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** 'lunes' … 'domingo', in ISO order. */
export function useDayNames(short = false): string[] {
  const { t } = useTranslation();
  return WEEKDAYS.map((d) => t(`agenda.clinic.hours.${short ? 'short' : 'day'}${d}`));
}
