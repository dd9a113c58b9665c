import { useTranslation } from 'react-i18next';
import type { MediaInfo } from '../../api/model';
import { analysisReason } from './reason';
import './media-understanding.css';

/** Under a voice note's player: its words, "Transcribiendo…" while the job runs, or a quiet note that it failed. */
export function VoiceTranscript({ media, transcript }: { media: MediaInfo; transcript: string | null }) {
  const { t } = useTranslation();
  if (transcript) {
    return (
      <p className="media-audio__transcript" data-analysis="done">
        <span className="media-audio__label">{t('understanding.transcript')}</span> {transcript}
      </p>
    );
  }
  if (media.analysisState === 'pending') {
    return (
      <p className="media-note media-note--pending" role="status" data-analysis="pending">
        <span className="spinner" aria-hidden="true" />
        {t('understanding.transcribing')}
      </p>
    );
  }
  if (media.analysisState === 'failed') {
    return (
      <p className="understanding-failed" data-analysis="failed">
        {t('understanding.transcriptFailed', { reason: analysisReason(t, media.analysisError) })}
      </p>
    );
  }
  return null;
}
