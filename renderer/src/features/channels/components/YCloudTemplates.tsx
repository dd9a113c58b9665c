import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsApi, useChannels } from '../api/channels';
import type { ChannelView, YCloudTemplates as TemplateList } from '../../../shared/api/types';
import { errorMessage } from '../../../lib/errors';
import { FormFeedback } from '../../../shared/components/FormFeedback';
import { TemplatePurposeField, templateKey as keyOf, type TemplateChoice } from './TemplatePurposeField';

const PURPOSES = ['reminder', 'confirmation', 'waitlistOffer'] as const;
type Purpose = (typeof PURPOSES)[number];
type Mapping = Record<Purpose, TemplateChoice | null>;

const read = (c: ChannelView): Mapping => {
  const t = (c.settings.templates ?? {}) as Partial<Mapping>;
  return { reminder: t.reminder ?? null, confirmation: t.confirmation ?? null, waitlistOffer: t.waitlistOffer ?? null };
};

/**
 * The number's approved templates (outside WhatsApp's 24-hour window only these can be sent)
 * and which one each automated message uses: reminder, confirmation, waitlist offer.
 */
export function YCloudTemplates({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const id = useId();
  const [list, setList] = useState<TemplateList | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const saved = read(channel);
  const savedKey = JSON.stringify(saved);
  const [draft, setDraft] = useState<Mapping>(saved);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  useEffect(() => setDraft(JSON.parse(savedKey) as Mapping), [savedKey]);
  const changed = JSON.stringify(draft) !== savedKey;

  async function load() {
    setLoading(true);
    setLoadError(null);
    try {
      setList(await channelsApi.ycloudTemplates());
    } catch (error) {
      setLoadError(errorMessage(t, error));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    void load();
    // Asked once per visit; "Actualizar" asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save() {
    setStatus({ kind: 'saving' });
    try {
      useChannels.getState().put(await channelsApi.update('ycloud', { templates: draft }));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: errorMessage(t, error) });
    }
  }

  const templates = list?.ok ? list.templates : [];
  return (
    <section className="ycloud-templates" aria-labelledby={`${id}-title`}>
      <div className="webhook-events__head">
        <h3 id={`${id}-title`}>{t('ycloud.templatesTitle')}</h3>
        <button type="button" className="button button--quiet" onClick={() => void load()} disabled={loading}>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          {t('webhook.eventsRefresh')}
        </button>
      </div>
      <p className="muted">{t('ycloud.templatesIntro')}</p>
      {loading && !list ? <p role="status">{t('ycloud.templatesLoading')}</p> : null}
      {loadError ? <p className="form-error">{loadError}</p> : null}
      {list && !list.ok ? <p className="form-error">{list.reason}</p> : null}
      {list?.ok && templates.length === 0 ? <p className="muted">{t('ycloud.templatesEmpty')}</p> : null}
      {templates.length ? (
        <ul className="template-list">
          {templates.map((tpl) => (
            <li key={keyOf(tpl)}>
              <p className="template-list__name">
                <code>{tpl.name}</code> <span className="muted small">{tpl.language}</span>
                {tpl.category ? <span className="template-list__category">{tpl.category}</span> : null}
              </p>
              {tpl.body ? <p className="template-list__body">{tpl.body}</p> : null}
              <p className="hint">{t('ycloud.templateVariables', { count: tpl.variables })}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {templates.length ? (
        <div className="template-purposes">
          {PURPOSES.map((p) => (
            <TemplatePurposeField
              key={p}
              id={`${id}-${p}`}
              label={t(`ycloud.purpose.${p}`)}
              templates={templates}
              country={list?.ok ? list.country : null}
              value={draft[p]}
              onChange={(next) => {
                setDraft({ ...draft, [p]: next });
                setStatus({ kind: 'idle' });
              }}
            />
          ))}
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={!changed || status.kind === 'saving'}
              onClick={() => void save()}
            >
              {status.kind === 'saving' ? t('webhook.saving') : t('ycloud.purposeSave')}
            </button>
          </div>
          <FormFeedback
            message={status.kind === 'saved' && !changed ? t('webhook.saved') : null}
            error={status.kind === 'error' ? status.message : null}
            ok
          />
        </div>
      ) : null}
    </section>
  );
}
