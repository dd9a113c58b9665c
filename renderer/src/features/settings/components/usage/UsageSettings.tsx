import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView, UsageByModel, UsageQuery, UsageReport } from '../../../../shared/api/types';
import { localeFor } from '../../../../i18n/locale';
import { errorMessage } from '../../../../lib/errors';
import { useConversations } from '../../../inbox/store/conversations';
import { PriceTable } from './PriceTable';
import { fetchUsage } from '../../api/usage';
import { formatMinutes, formatSeconds, formatTokens, formatUsd } from './format';
// The period picker is Ajustes' choice group, laid out in a row.
import '../assistant/assistant.css';
import './usage.css';

type Period = 'today' | 'week' | 'month' | 'custom';
const PERIODS: readonly Period[] = ['today', 'week', 'month', 'custom'];

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; report: UsageReport; refreshing: boolean };

/**
 * Ajustes › Asistente › Uso y costo: what the assistant did and cost over a period, by
 * model, and the price table that costs it. Costs are recomputed by the core whenever the
 * prices change, so a price entered today also prices last month.
 */
export function UsageSettings({ values }: { values: SettingsView }) {
  const [addRequest, setAddRequest] = useState<{ model: string; nonce: number } | null>(null);
  return (
    <>
      <UsageTotals
        prices={JSON.stringify(values['ai.prices'] ?? null)}
        onAddPrice={(model) => setAddRequest({ model, nonce: Date.now() })}
      />
      <PriceTable values={values} addRequest={addRequest} />
    </>
  );
}

/**
 * The newest message time among the chats the push channel keeps current, settled for a
 * second: a burst of messages is one refetch, not one per message.
 */
function useLatestActivity(): string {
  const latest = useConversations((s) => {
    let max = '';
    for (const c of Object.values(s.byId)) if (c.lastMessageAt > max) max = c.lastMessageAt;
    return max;
  });
  const [settled, setSettled] = useState(latest);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(latest), 1_000);
    return () => clearTimeout(timer);
  }, [latest]);
  return settled;
}

function UsageTotals({ prices, onAddPrice }: { prices: string; onAddPrice: (model: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [period, setPeriod] = useState<Period>('month');
  const [range, setRange] = useState({ from: '', to: '' });
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const activity = useLatestActivity();
  const badRange = period === 'custom' && range.from !== '' && range.to !== '' && range.to < range.from;
  const query: UsageQuery | null =
    period !== 'custom'
      ? { period }
      : range.from && !badRange
        ? { period, from: range.from, ...(range.to ? { to: range.to } : {}) }
        : null;
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!query) return;
    let live = true;
    setLoad((l) => (l.kind === 'ready' ? { ...l, refreshing: true } : { kind: 'loading' }));
    fetchUsage(query).then(
      (report) => live && setLoad({ kind: 'ready', report, refreshing: false }),
      (error: unknown) => live && setLoad({ kind: 'error', message: errorMessage(t, error) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Prices change the costs (the core recomputes them); a new message in any chat may come with a reply.
  }, [queryKey, prices, activity]);

  return (
    <section
      className="card usage"
      aria-labelledby={`${id}-title`}
      aria-busy={load.kind === 'loading' || (load.kind === 'ready' && load.refreshing)}
    >
      <h2 id={`${id}-title`}>{t('usage.section')}</h2>
      <p className="hint card__intro">{t('usage.intro')}</p>
      <fieldset className="choice-group usage__periods">
        <legend>{t('usage.period')}</legend>
        {PERIODS.map((p) => (
          <label key={p} className="choice">
            <input type="radio" name={`${id}-period`} value={p} checked={period === p} onChange={() => setPeriod(p)} />
            <span className="choice__label">{t(`usage.periods.${p}`)}</span>
          </label>
        ))}
      </fieldset>
      {period === 'custom' ? (
        <div className="usage__range">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('usage.from')}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={range.from}
              onChange={(e) => setRange({ ...range, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('usage.to')}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={range.to}
              min={range.from || undefined}
              onChange={(e) => setRange({ ...range, to: e.target.value })}
              aria-invalid={badRange || undefined}
            />
          </div>
        </div>
      ) : null}
      {period === 'custom' && !range.from ? <p className="hint">{t('usage.pickDates')}</p> : null}
      {badRange ? (
        <p className="form-error" role="alert">
          {t('usage.badRange')}
        </p>
      ) : null}
      <p className="form-status" role="status">
        {load.kind === 'loading' && query
          ? t('usage.loading')
          : load.kind === 'ready' && load.refreshing
            ? t('usage.refreshing')
            : ''}
      </p>
      {load.kind === 'error' ? (
        <p className="form-error" role="alert">
          {`${t('usage.loadError')} ${load.message}`}
        </p>
      ) : null}
      {load.kind === 'ready' && query ? <Report report={load.report} onAddPrice={onAddPrice} /> : null}
    </section>
  );
}

function Report({ report, onAddPrice }: { report: UsageReport; onAddPrice: (model: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tokens = (n: number) => formatTokens(n, lang);
  const nothing = report.turns.total === 0 && report.images === 0 && report.voiceNotes === 0;
  if (nothing) {
    return (
      <div className="usage__empty">
        <p className="usage__empty-title">{t('usage.emptyTitle')}</p>
        <p className="hint">{t('usage.emptyBody')}</p>
      </div>
    );
  }
  const cost = formatUsd(report.costUsd, lang);
  const seconds = (ms: number | null) => (ms === null ? '—' : t('usage.seconds', { value: formatSeconds(ms, lang) }));
  return (
    <>
      <dl className="usage__totals">
        <div className="usage__stat">
          <dt>{t('usage.replies')}</dt>
          <dd className="usage__value">{report.turns.total.toLocaleString(localeFor(lang))}</dd>
          <dd className="usage__detail">{t('usage.repliesModes', report.turns)}</dd>
        </div>
        <div className="usage__stat">
          <dt>{t('usage.tokens')}</dt>
          <dd className="usage__value">{tokens(report.tokens.prompt + report.tokens.completion)}</dd>
          <dd className="usage__detail">
            {t('usage.tokensDetail', {
              prompt: tokens(report.tokens.prompt),
              completion: tokens(report.tokens.completion),
            })}
          </dd>
          {report.tokens.cached > 0 ? (
            <dd className="usage__detail">{t('usage.cachedDetail', { cached: tokens(report.tokens.cached) })}</dd>
          ) : null}
        </div>
        <div className="usage__stat usage__stat--cost">
          <dt>{t('usage.cost')}</dt>
          <dd className="usage__value">{cost.under ? t('usage.lessThan', { amount: cost.text }) : cost.text}</dd>
          <dd className="usage__detail">{t('usage.costHint')}</dd>
          {report.unpricedModels.length > 0 ? (
            <dd className="usage__detail usage__detail--warn">
              {t('usage.unpriced', { count: report.unpricedModels.length, models: report.unpricedModels.join(', ') })}
            </dd>
          ) : null}
        </div>
        <div className="usage__stat">
          <dt>{t('usage.resolution')}</dt>
          <dd className="usage__value">
            {report.resolution.rate === null ? '—' : `${Math.round(report.resolution.rate * 100)} %`}
          </dd>
          <dd className="usage__detail">
            {report.resolution.conversations
              ? t('usage.resolutionDetail', {
                  resolved: report.resolution.resolved,
                  conversations: report.resolution.conversations,
                })
              : t('usage.resolutionNone')}
          </dd>
        </div>
        {report.latency.averageMs !== null ? (
          <div className="usage__stat">
            <dt>{t('usage.latency')}</dt>
            <dd className="usage__value">{seconds(report.latency.averageMs)}</dd>
            <dd className="usage__detail">
              {t('usage.latencyDetail', {
                average: seconds(report.latency.averageMs),
                p95: seconds(report.latency.p95Ms),
              })}
            </dd>
          </div>
        ) : null}
      </dl>
      {report.images > 0 || report.voiceNotes > 0 ? (
        <p className="hint">
          {t('usage.media', {
            images: report.images,
            voiceNotes: report.voiceNotes,
            minutes: formatMinutes(report.audioMs, lang),
          })}
        </p>
      ) : null}
      <ModelTable models={report.byModel} onAddPrice={onAddPrice} />
    </>
  );
}

function ModelTable({ models, onAddPrice }: { models: UsageByModel[]; onAddPrice: (model: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const costCell = (m: UsageByModel) => {
    if (m.priceSource === 'local') return t('usage.local');
    if (m.costUsd === null) {
      return (
        <span className="usage__unpriced">
          {t('usage.noPrice')}
          {m.model ? (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => onAddPrice(m.model!)}
              aria-label={t('usage.addPriceFor', { model: m.model })}
            >
              {t('usage.addPrice')}
            </button>
          ) : null}
        </span>
      );
    }
    if (m.priceSource === 'unused') return '—';
    const c = formatUsd(m.costUsd, lang);
    return c.under ? t('usage.lessThan', { amount: c.text }) : c.text;
  };
  return (
    <>
      <h3 id={`${id}-models`} className="usage__subtitle">
        {t('usage.byModel')}
      </h3>
      <table className="usage__models" aria-labelledby={`${id}-models`}>
        <thead>
          <tr>
            <th scope="col">{t('usage.model')}</th>
            <th scope="col" className="num">
              {t('usage.uses')}
            </th>
            <th scope="col" className="num">
              {t('usage.tokensColumn')}
            </th>
            <th scope="col" className="num">
              {t('usage.costColumn')}
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.model ?? ''}>
              <th scope="row">{m.model ?? t('usage.noModel')}</th>
              <td className="num">{m.calls}</td>
              <td className="num">{`${formatTokens(m.promptTokens, lang)} / ${formatTokens(m.completionTokens, lang)}`}</td>
              <td className="num">{costCell(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
