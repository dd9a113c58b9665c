import { useTranslation } from 'react-i18next';
import type { TemplatePlaceholder, YCloudTemplates } from '../../../shared/api/types';
import { templateCostText } from '../../../lib/template-cost';

type Template = YCloudTemplates['templates'][number];

/** A purpose's chosen template: which one, and what fills each {{n}} of its body. */
export interface TemplateChoice {
  name: string;
  language: string;
  variables: TemplatePlaceholder[];
  category: string | null;
  body: string;
}

/**
 * Everything that can fill a {{n}}, in the order most templates use them. The names are main's
 * (TEMPLATE_PLACEHOLDERS in template-send.ts): the renderer takes only its type, and the
 * compiler checks this list against it both ways (none unknown, none missing).
 */
export const PLACEHOLDERS = [
  'patientFirstName',
  'day',
  'date',
  'time',
  'practitioner',
  'service',
  'clinic',
] as const satisfies readonly TemplatePlaceholder[];
const EVERY_PLACEHOLDER_LISTED: Exclude<TemplatePlaceholder, (typeof PLACEHOLDERS)[number]> extends never
  ? true
  : never = true;
void EVERY_PLACEHOLDER_LISTED;

export const templateKey = (r: { name: string; language: string } | null) => (r ? `${r.name}|${r.language}` : '');

/** A template just picked: its {{n}} filled in the usual order (the clinic changes what differs). */
export function choose(template: Template | undefined, keep: TemplateChoice | null): TemplateChoice | null {
  if (!template) return null;
  const variables = Array.from(
    { length: template.variables },
    (_, i) => keep?.variables[i] ?? PLACEHOLDERS[i % PLACEHOLDERS.length]!,
  );
  return {
    name: template.name,
    language: template.language,
    variables,
    category: template.category,
    body: template.body,
  };
}

export function TemplatePurposeField({
  id,
  label,
  templates,
  country,
  value,
  onChange,
}: {
  id: string;
  label: string;
  templates: Template[];
  country: string | null;
  value: TemplateChoice | null;
  onChange: (next: TemplateChoice | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const chosen = templates.find((tpl) => templateKey(tpl) === templateKey(value));
  return (
    <fieldset className="template-purpose">
      <legend>{label}</legend>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={templateKey(value)}
        onChange={(e) =>
          onChange(
            choose(
              templates.find((tpl) => templateKey(tpl) === e.target.value),
              null,
            ),
          )
        }
      >
        <option value="">{t('ycloud.purposeNone')}</option>
        {templates.map((tpl) => (
          <option key={templateKey(tpl)} value={templateKey(tpl)}>
            {`${tpl.name} (${tpl.language})`}
          </option>
        ))}
      </select>
      {chosen && value ? (
        <>
          {value.variables.map((v, i) => (
            <div className="field template-purpose__variable" key={i}>
              <label htmlFor={`${id}-v${i}`}>
                <code>{`{{${i + 1}}}`}</code> {t('ycloud.variableFills')}
              </label>
              <select
                id={`${id}-v${i}`}
                value={v}
                onChange={(e) => {
                  const variables = [...value.variables];
                  variables[i] = e.target.value as TemplatePlaceholder;
                  onChange({ ...value, variables });
                }}
              >
                {PLACEHOLDERS.map((p) => (
                  <option key={p} value={p}>
                    {t(`ycloud.placeholder.${p}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p className="hint template-purpose__cost">
            {templateCostText(t, i18n.language, chosen.cost, chosen.category, country)}
          </p>
        </>
      ) : null}
    </fieldset>
  );
}
