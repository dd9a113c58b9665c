import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/api/types';
import { useSettingsDraft } from '../../../../lib/settings-draft';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import { SaveBar } from '../../../../shared/components/SaveBar';
import { parsePrice, priceText } from './format';

const KEYS = ['ai.prices'] as const;
type Key = (typeof KEYS)[number];

/** One row as typed: every field a string until it is saved. */
interface Row {
  model: string;
  input: string;
  cached: string;
  output: string;
  audio: string;
}
const COLUMNS = ['input', 'cached', 'output', 'audio'] as const;
type Column = (typeof COLUMNS)[number];

interface StoredPrice {
  model: string;
  inputPerMillion: number;
  cachedInputPerMillion?: number;
  outputPerMillion: number;
  audioPerMinute?: number;
}

const stored = (values: SettingsView): StoredPrice[] =>
  Array.isArray(values['ai.prices']) ? (values['ai.prices'] as StoredPrice[]) : [];
const parseRows = (draft: string): Row[] => JSON.parse(draft) as Row[];

/** What the API stores for the rows as typed (validated first). */
function toPrices(rows: Row[]): StoredPrice[] {
  return rows.map((r) => {
    const cached = parsePrice(r.cached);
    const audio = parsePrice(r.audio);
    return {
      model: r.model.trim(),
      inputPerMillion: parsePrice(r.input) ?? 0,
      ...(cached === undefined ? {} : { cachedInputPerMillion: cached }),
      outputPerMillion: parsePrice(r.output) ?? 0,
      ...(audio === undefined ? {} : { audioPerMinute: audio }),
    };
  });
}

/** The first thing wrong with the rows, as the row index and a message key. */
function firstProblem(rows: Row[]): { index: number; kind: 'model' | 'duplicate' | 'number' } | null {
  const seen = new Set<string>();
  for (const [index, r] of rows.entries()) {
    const key = r.model.trim().toLowerCase();
    if (!key) return { index, kind: 'model' };
    if (seen.has(key)) return { index, kind: 'duplicate' };
    seen.add(key);
    if (COLUMNS.some((c) => Number.isNaN(parsePrice(r[c])))) return { index, kind: 'number' };
  }
  return null;
}

interface Props {
  values: SettingsView;
  /** A model the usage shows "sin precio" for, to add as a new row (the nonce repeats a request). */
  addRequest: { model: string; nonce: number } | null;
}

/** The editable price table (setting `ai.prices`): add, edit and remove models; saved with the same bar as every settings form. */
export function PriceTable({ values, addRequest }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const toDraft = (v: SettingsView): Record<Key, string> => ({
    'ai.prices': JSON.stringify(
      stored(v).map((p) => ({
        model: p.model,
        input: priceText(p.inputPerMillion, lang),
        cached: priceText(p.cachedInputPerMillion, lang),
        output: priceText(p.outputPerMillion, lang),
        audio: priceText(p.audioPerMinute, lang),
      })),
    ),
  });
  const { draft, status, changed, update, save, discard } = useSettingsDraft(values, {
    keys: KEYS,
    toDraft,
    toValue: (_k, text) => toPrices(parseRows(text)),
    labels: { 'ai.prices': t('usage.prices') },
  });
  const rows = parseRows(draft['ai.prices']);
  const [showProblem, setShowProblem] = useState(false);
  const problem = firstProblem(rows);
  const focusRow = useRef<number | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const setRows = (next: Row[]) => update({ 'ai.prices': JSON.stringify(next) });
  const edit = (index: number, field: keyof Row, value: string) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  const addRow = (model = '') => {
    focusRow.current = rows.length;
    setRows([...rows, { model, input: '', cached: '', output: '', audio: '' }]);
  };

  useEffect(() => {
    if (addRequest && !rows.some((r) => r.model.trim().toLowerCase() === addRequest.model.toLowerCase()))
      addRow(addRequest.model);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Only a new request adds a row.
  }, [addRequest?.nonce]);

  // A new row gets the cursor: in its name, or in its first price when the name came filled in.
  useEffect(() => {
    if (focusRow.current === null) return;
    const row = table.current?.querySelectorAll('tbody tr')[focusRow.current];
    focusRow.current = null;
    const inputs = row?.querySelectorAll('input');
    const target = inputs?.[0]?.value ? inputs[1] : inputs?.[0];
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  }, [rows.length]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (problem) {
      setShowProblem(true);
      return;
    }
    setShowProblem(false);
    void save();
  }

  const name = (r: Row) => r.model.trim() || t('usage.newModel');
  const unit = (c: Column) => (c === 'audio' ? t('usage.units.perMinute') : t('usage.units.perMillion'));
  const problemText = problem ? t(`usage.invalid.${problem.kind}`, { model: name(rows[problem.index]!) }) : null;

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <section className="card price-table" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('usage.prices')}</h2>
        <p className="hint card__intro" id={`${id}-intro`}>
          {t('usage.pricesIntro')}
        </p>
        {rows.length === 0 ? (
          <p className="price-table__empty">{t('usage.pricesEmpty')}</p>
        ) : (
          <div className="price-table__scroll">
            <table ref={table} aria-describedby={`${id}-intro`}>
              <thead>
                <tr>
                  <th scope="col">{t('usage.columns.model')}</th>
                  {COLUMNS.map((c) => (
                    <th scope="col" key={c}>
                      {t(`usage.columns.${c}`)}
                      <span className="price-table__unit">
                        {c === 'audio' ? t('usage.shortUnits.perMinute') : t('usage.shortUnits.perMillion')}
                        {c === 'cached' || c === 'audio' ? ` · ${t('usage.optional')}` : ''}
                      </span>
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">{t('usage.removeRow', { model: '' })}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const invalid = showProblem && problem?.index === i;
                  return (
                    <tr key={i} className={invalid ? 'price-table__row--invalid' : undefined}>
                      <td>
                        <input
                          type="text"
                          value={r.model}
                          onChange={(e) => edit(i, 'model', e.target.value)}
                          aria-label={t('usage.modelField', { row: i + 1 })}
                          aria-invalid={invalid && problem?.kind !== 'number' ? true : undefined}
                          spellCheck={false}
                          autoComplete="off"
                          maxLength={120}
                        />
                      </td>
                      {COLUMNS.map((c) => (
                        <td key={c}>
                          <input
                            type="text"
                            inputMode="decimal"
                            value={r[c]}
                            onChange={(e) => edit(i, c, e.target.value)}
                            aria-label={t('usage.fieldLabel', {
                              column: t(`usage.columns.${c}`),
                              model: name(r),
                              unit: unit(c),
                            })}
                            aria-invalid={
                              invalid && problem?.kind === 'number' && Number.isNaN(parsePrice(r[c])) ? true : undefined
                            }
                            placeholder={c === 'cached' || c === 'audio' ? '—' : '0'}
                            autoComplete="off"
                            maxLength={12}
                          />
                        </td>
                      ))}
                      <td>
                        <button
                          type="button"
                          className="button button--quiet price-table__remove"
                          onClick={() => setRows(rows.filter((_, j) => j !== i))}
                        >
                          <span aria-hidden="true">✕</span>
                          <span className="sr-only">{t('usage.removeRow', { model: name(r) })}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="price-table__actions">
          <button type="button" className="button button--quiet" onClick={() => addRow()}>
            + {t('usage.addRow')}
          </button>
        </p>
        {showProblem && problemText ? <FormFeedback message={null} error={problemText} /> : null}
      </section>
      <SaveBar
        status={status}
        dirty={changed.length > 0}
        onDiscard={() => {
          setShowProblem(false);
          discard();
        }}
        labels={{
          save: t('usage.save'),
          saving: t('usage.saving'),
          discard: t('usage.discard'),
          saved: t('usage.saved'),
          unsaved: t('usage.unsaved'),
        }}
      />
    </form>
  );
}
