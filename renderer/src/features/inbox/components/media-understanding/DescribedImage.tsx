import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaInfo } from '../../api/model';
import { analysisReason } from './reason';
import './media-understanding.css';

/** What to say about an image's description, or null when it gets none (staff's images, older cores). */
export function useImageDescription(media: MediaInfo): string | null {
  const { t } = useTranslation();
  if (media.description) return media.description;
  if (media.analysisState === 'pending') return t('understanding.describing');
  if (media.analysisState === 'failed')
    return t('understanding.descriptionFailed', { reason: analysisReason(t, media.analysisError) });
  return null;
}

/**
 * An image with its description in a tooltip that opens on hover and on keyboard focus
 * (and closes with Esc), tied to the image's button with aria-describedby so a screen
 * reader reads it too. `children` receives that id.
 */
export function DescribedImage({
  media,
  children,
}: {
  media: MediaInfo;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const text = useImageDescription(media);
  if (!text) return <>{children(undefined)}</>;
  return (
    <span
      className="described-image"
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {children(id)}
      {media.description ? (
        <span className="described-image__mark" title={t('understanding.hasDescription')} aria-hidden="true">
          <TextLinesIcon />
        </span>
      ) : null}
      <span
        role="tooltip"
        id={id}
        className="described-image__tip"
        data-open={open}
        data-analysis={media.analysisState ?? 'none'}
      >
        {media.description ? (
          <strong className="described-image__label">{t('understanding.description')}: </strong>
        ) : null}
        {text}
      </span>
    </span>
  );
}

/** The description under the full image in the viewer. */
export function ViewerDescription({ media, id }: { media: MediaInfo; id: string }) {
  const { t } = useTranslation();
  const text = useImageDescription(media);
  if (!text) return null;
  return (
    <p className="media-viewer__description" id={id}>
      {media.description ? <strong>{t('understanding.description')}: </strong> : null}
      {text}
    </p>
  );
}

const TextLinesIcon = () => (
  <svg
    width="14"
    height="14"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2.2}
    strokeLinecap="round"
    focusable="false"
  >
    <path d="M5 7h14M5 12h14M5 17h9" />
  </svg>
);
