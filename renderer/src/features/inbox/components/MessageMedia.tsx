import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaInfo } from '../api/model';
import { formatBytes } from '../../../lib/format';
import { downloadMedia, mediaPath, thumbnailPath, useMediaUrl } from '../../../lib/media-cache';
import { CloseIcon, DownloadIcon, FileIcon, PinIcon, PlayIcon } from '../../../shared/components/icons';
import { DescribedImage, ViewerDescription, useImageDescription } from './media-understanding/DescribedImage';
import { VoiceTranscript } from './media-understanding/VoiceTranscript';

interface Props {
  media: MediaInfo;
  /** Who sent it, for the labels ("Imagen de Marta"). */
  from: string;
  transcript: string | null;
}

/** An attachment in a bubble: images inline with a viewer, voice notes with a player, files to download. */
export function MessageMedia({ media, from, transcript }: Props) {
  const { t, i18n } = useTranslation();
  const size = media.size !== null ? formatBytes(media.size, i18n.language) : null;

  if (media.state === 'pending') {
    return (
      <p className="media-note media-note--pending" data-media-state="pending">
        <span className="spinner" aria-hidden="true" />
        {t('media.pending')}
      </p>
    );
  }
  if (media.state === 'failed' || media.state === 'too_large') {
    return (
      <p className="media-note media-note--error media-note--stack" data-media-state={media.state}>
        <span>
          {media.state === 'too_large'
            ? size
              ? t('media.tooLargeSize', { size })
              : t('media.tooLarge')
            : t('media.failed')}
        </span>
        {media.error && media.state === 'failed' ? (
          <span className="media-note__detail">{errorDetail(media.error)}</span>
        ) : null}
      </p>
    );
  }

  switch (media.kind) {
    case 'image':
    case 'sticker':
      return <ImageMedia media={media} from={from} />;
    case 'audio':
      return <AudioMedia media={media} transcript={transcript} />;
    case 'video':
      return <VideoMedia media={media} from={from} />;
    case 'location':
      return (
        <p className="media-note">
          <PinIcon />
          {t('media.location')}
        </p>
      );
    default:
      return <DocumentMedia media={media} size={size} />;
  }
}

function ImageMedia({ media, from }: { media: MediaInfo; from: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const src = useMediaUrl(media.hasThumbnail ? thumbnailPath(media.id) : mediaPath(media.id));
  const label =
    media.kind === 'sticker' ? t('media.stickerFrom', { name: from }) : t('media.imageFrom', { name: from });
  return (
    <>
      <DescribedImage media={media}>
        {(describedBy) => (
          <button
            type="button"
            className={`media-image ${media.kind === 'sticker' ? 'media-image--sticker' : ''}`}
            onClick={() => setOpen(true)}
            aria-label={t('media.openImage', { label })}
            aria-describedby={describedBy}
            aria-haspopup="dialog"
            data-media-kind={media.kind}
          >
            {src.state === 'ready' ? (
              <img src={src.url} alt="" draggable={false} />
            ) : src.state === 'error' ? (
              <span className="media-image__placeholder">{t('media.previewFailed')}</span>
            ) : (
              <span className="media-image__placeholder">
                <span className="spinner" aria-hidden="true" />
              </span>
            )}
          </button>
        )}
      </DescribedImage>
      {open ? <MediaViewer media={media} label={label} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function VideoMedia({ media, from }: { media: MediaInfo; from: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const thumb = useMediaUrl(media.hasThumbnail ? thumbnailPath(media.id) : null);
  const label = t('media.videoFrom', { name: from });
  return (
    <>
      <button
        type="button"
        className="media-image media-image--video"
        onClick={() => setOpen(true)}
        aria-label={t('media.playVideo', { label })}
        aria-haspopup="dialog"
      >
        {thumb.state === 'ready' ? (
          <img src={thumb.url} alt="" draggable={false} />
        ) : (
          <span className="media-image__placeholder" />
        )}
        <span className="media-image__play" aria-hidden="true">
          <PlayIcon />
        </span>
      </button>
      {open ? <MediaViewer media={media} label={label} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function AudioMedia({ media, transcript }: { media: MediaInfo; transcript: string | null }) {
  const { t } = useTranslation();
  const src = useMediaUrl(mediaPath(media.id));
  return (
    <div className="media-audio">
      {src.state === 'ready' ? (
        <audio controls preload="metadata" src={src.url} aria-label={t('media.voiceNote')} />
      ) : src.state === 'error' ? (
        <p className="media-note media-note--error">{t('media.previewFailed')}</p>
      ) : (
        <p className="media-note media-note--pending">
          <span className="spinner" aria-hidden="true" />
          {t('media.loadingAudio')}
        </p>
      )}
      <VoiceTranscript media={media} transcript={transcript} />
    </div>
  );
}

function DocumentMedia({ media, size }: { media: MediaInfo; size: string | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'error'>('idle');
  const name = media.fileName ?? t('media.unnamedFile');
  const details = [fileKind(media), size].filter(Boolean).join(' · ');
  async function download() {
    setState('busy');
    try {
      await downloadMedia(mediaPath(media.id), name);
      setState('idle');
    } catch {
      setState('error');
    }
  }
  return (
    <div className="media-doc">
      <FileIcon />
      <div className="media-doc__info">
        <span className="media-doc__name">{name}</span>
        {details ? <span className="media-doc__details">{details}</span> : null}
        {state === 'error' ? (
          <span className="media-doc__error" role="alert">
            {t('media.downloadFailed')}
          </span>
        ) : null}
      </div>
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => void download()}
        disabled={state === 'busy'}
        aria-label={t('media.downloadNamed', { name })}
      >
        <DownloadIcon />
        <span aria-hidden="true">{state === 'busy' ? t('media.downloading') : t('media.download')}</span>
      </button>
    </div>
  );
}

/** The provider's reason without our error code in front ("MEDIA_DOWNLOAD_FAILED: HTTP 404" → "HTTP 404"). */
const errorDetail = (error: string) => error.replace(/^[A-Z][A-Z0-9_]+:\s*/, '');

/** "PDF", "DOCX"…: from the file name, else the MIME type. */
function fileKind(media: MediaInfo): string | null {
  const ext = media.fileName && /\.([a-z0-9]{1,5})$/i.exec(media.fileName)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = media.mimeType?.split('/')[1];
  return sub ? sub.toUpperCase() : null;
}

/** The full image (or video) in a modal dialog: Esc or "Cerrar" closes it, focus comes back. */
function MediaViewer({ media, label, onClose }: { media: MediaInfo; label: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const src = useMediaUrl(mediaPath(media.id));
  const name = media.fileName ?? t('media.unnamedFile');
  const descriptionId = useId();
  const description = useImageDescription(media);
  const described = media.kind !== 'video' && description !== null;

  useEffect(() => {
    const trigger = document.activeElement as HTMLElement | null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    closeButton.current?.focus();
    return () => {
      if (el?.open) el.close();
      trigger?.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="media-viewer"
      aria-label={label}
      aria-describedby={described ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === dialog.current) onClose(); // a click on the backdrop
      }}
    >
      <div className="media-viewer__bar">
        <p className="media-viewer__title">{label}</p>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => void downloadMedia(mediaPath(media.id), name)}
        >
          <DownloadIcon />
          <span>{t('media.download')}</span>
        </button>
        <button type="button" className="button button--small" onClick={onClose} ref={closeButton}>
          <CloseIcon />
          <span>{t('media.close')}</span>
        </button>
      </div>
      <div className="media-viewer__body">
        {src.state === 'ready' ? (
          media.kind === 'video' ? (
            <video src={src.url} controls autoPlay aria-label={label} />
          ) : (
            <img src={src.url} alt={label} />
          )
        ) : src.state === 'error' ? (
          <p className="media-note media-note--error">{t('media.previewFailed')}</p>
        ) : (
          <p className="media-note media-note--pending">
            <span className="spinner" aria-hidden="true" />
            {t('app.loading')}
          </p>
        )}
      </div>
      {described ? <ViewerDescription media={media} id={descriptionId} /> : null}
    </dialog>
  );
}
