import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { FormFeedback } from '../../../../shared/components/FormFeedback';
import type { NotificationEndpoint, NotificationKind } from '../../../../shared/api/types';
import { createEndpoint, EVENT_GROUPS, newSigningSecret, updateEndpoint } from '../../api/integrations';

type Security = 'tls' | 'starttls' | 'none';
interface Draft {
  kind: NotificationKind;
  name: string;
  url: string;
  host: string;
  port: string;
  security: Security;
  user: string;
  from: string;
  to: string;
  password: string;
  events: string[];
  intents: string;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function draftOf(e: NotificationEndpoint | null): Draft {
  const c = e?.config ?? {};
  return {
    kind: e?.kind ?? 'slack',
    name: e?.name ?? '',
    url: str(c.url),
    host: str(c.host),
    port: str(c.port) || '587',
    security: (str(c.security) || 'starttls') as Security,
    user: str(c.user),
    from: str(c.from),
    to: Array.isArray(c.to) ? c.to.join(', ') : '',
    password: '',
    events: e?.events ?? [],
    intents: (e?.intents ?? []).join(', '),
  };
}

function configOf(d: Draft): Record<string, unknown> {
  if (d.kind !== 'email') return { url: d.url.trim() };
  return {
    host: d.host.trim(),
    port: Number(d.port),
    security: d.security,
    ...(d.user.trim() ? { user: d.user.trim() } : {}),
    from: d.from.trim(),
    to: list(d.to),
  };
}

interface Props {
  /** null: a new endpoint. */
  endpoint: NotificationEndpoint | null;
  onDone: (saved: NotificationEndpoint | null, shownSecret?: string) => void;
}

/** Create or edit one endpoint: its kind's fields, the write-only secret, the events and intents it wants. */
export function EndpointForm({ endpoint, onDone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [d, setD] = useState<Draft>(() => draftOf(endpoint));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD((old) => ({ ...old, ...patch }));
  const toggle = (event: string, on: boolean) =>
    set({ events: on ? [...d.events, event] : d.events.filter((e) => e !== event) });

  async function save(e: FormEvent, rotate = false) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    // A webhook's secret is made here and shown once; an e-mail's password is what she typed.
    const webhookSecret = d.kind === 'webhook' && (!endpoint || rotate) ? newSigningSecret() : undefined;
    const secret = webhookSecret ?? (d.kind === 'email' && d.password ? d.password : undefined);
    const fields = {
      name: d.name.trim(),
      events: d.events as never[],
      intents: list(d.intents).length ? list(d.intents) : null,
      config: configOf(d),
      ...(secret ? { secret } : {}),
    };
    try {
      const saved = endpoint
        ? await updateEndpoint(endpoint.id, fields)
        : await createEndpoint({ kind: d.kind, ...fields });
      onDone(saved, webhookSecret);
    } catch (err) {
      setError(errorMessage(t, err));
      setSaving(false);
    }
  }

  const field = (key: keyof Draft, label: string, extra: Record<string, unknown> = {}, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        value={d[key] as string}
        onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
        {...extra}
      />
      {hint ? (
        <p id={`${id}-${key}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="card integration-form" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {endpoint ? t('integrations.form.editTitle', { name: endpoint.name }) : t('integrations.form.newTitle')}
      </h3>
      {!endpoint ? (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('integrations.form.kind')}</label>
          <select id={`${id}-kind`} value={d.kind} onChange={(e) => set({ kind: e.target.value as NotificationKind })}>
            {(['slack', 'email', 'webhook'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`integrations.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {field('name', t('integrations.form.name'), {
        required: true,
        maxLength: 80,
        placeholder: t('integrations.form.namePlaceholder'),
      })}
      {d.kind !== 'email'
        ? field(
            'url',
            t('integrations.form.url'),
            { type: 'url', required: true },
            d.kind === 'slack' ? t('integrations.form.slackUrlHint') : t('integrations.form.webhookUrlHint'),
          )
        : null}
      {d.kind === 'email' ? (
        <>
          {field('host', t('integrations.form.host'), { required: true })}
          {field('port', t('integrations.form.port'), { type: 'number', min: 1, max: 65535, required: true })}
          <div className="field">
            <label htmlFor={`${id}-security`}>{t('integrations.form.security')}</label>
            <select
              id={`${id}-security`}
              value={d.security}
              onChange={(e) => set({ security: e.target.value as Security })}
            >
              {(['tls', 'starttls', 'none'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`integrations.form.securityOptions.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {field('user', t('integrations.form.user'), { autoComplete: 'off' })}
          {field(
            'password',
            t('integrations.form.password'),
            { type: 'password', autoComplete: 'new-password' },
            endpoint?.hasSecret ? t('integrations.form.passwordKept') : t('integrations.form.passwordHint'),
          )}
          {field('from', t('integrations.form.from'), { type: 'email', required: true })}
          {field('to', t('integrations.form.to'), { required: true }, t('integrations.form.toHint'))}
        </>
      ) : null}
      {d.kind === 'webhook' && endpoint?.hasSecret ? (
        <p className="hint">
          {t('integrations.form.secretKept')}{' '}
          <button type="button" className="button button--secondary button--small" onClick={(e) => void save(e, true)}>
            {t('integrations.form.rotate')}
          </button>
        </p>
      ) : null}
      <fieldset className="integration-events">
        <legend>{t('integrations.form.events')}</legend>
        <p className="hint">{t('integrations.form.eventsHint')}</p>
        <div className="integration-events__groups">
          {Object.entries(EVENT_GROUPS).map(([group, events]) => (
            <fieldset key={group} className="integration-events__group">
              <legend>{t(`integrations.groups.${group as keyof typeof EVENT_GROUPS}`)}</legend>
              {events.map((event) => (
                <label key={event} className="check">
                  <input
                    type="checkbox"
                    checked={d.events.includes(event)}
                    onChange={(e) => toggle(event, e.target.checked)}
                  />
                  {t(`integrations.events.${event}`)}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>
      {field('intents', t('integrations.form.intents'), {}, t('integrations.form.intentsHint'))}
      <div className="integration-form__actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('integrations.form.saving') : t('integrations.form.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(null)} disabled={saving}>
          {t('integrations.form.cancel')}
        </button>
      </div>
      <FormFeedback message={saving ? t('integrations.form.saving') : ''} error={error} />
    </form>
  );
}
