// The small decisions of the image/voice-note jobs: which files get one, under what name
// audio is uploaded, and how a file reads in the assistant's prompt.
import { describe, expect, it } from 'vitest';
import type { MediaRow } from '../../db/repos/media.js';
import { analysisKind } from '../../main/agent/media-understanding/kinds.js';
import { RECENT_IMAGE_MS, patientFileText } from '../../main/agent/media-understanding/prompt-text.js';
import { IMAGE_WAIT_MS, fileWaitMs } from '../../main/agent/media-understanding/runner.js';
import { uploadName } from '../../main/agent/media-understanding/transcription.js';

const row = (extra: Partial<MediaRow>): MediaRow => ({
  id: 'm1',
  messageId: 1,
  kind: 'image',
  mimeType: 'image/jpeg',
  fileName: null,
  originalUrl: null,
  sizeBytes: 10,
  path: 'media/m1.jpg',
  thumbnailPath: null,
  state: 'stored',
  error: null,
  description: null,
  transcript: null,
  analysisState: 'done',
  analysisError: null,
  createdAt: 0,
  ...extra,
});

describe('which files get a job', () => {
  it("a patient's images and stickers are described, their audio transcribed", () => {
    expect(analysisKind('patient', 'image')).toBe('vision');
    expect(analysisKind('patient', 'sticker')).toBe('vision');
    expect(analysisKind('patient', 'audio')).toBe('transcription');
  });

  it('documents, videos and anything staff sent (even from their phone) get none', () => {
    expect(analysisKind('patient', 'document')).toBeNull();
    expect(analysisKind('patient', 'video')).toBeNull();
    expect(analysisKind('staff', 'image')).toBeNull();
    expect(analysisKind('staff', 'audio')).toBeNull();
  });
});

describe('the uploaded audio name', () => {
  it('keeps the id and gives /audio/transcriptions an extension it decodes', () => {
    expect(uploadName('/data/media/abc.opus')).toBe('abc.ogg');
    expect(uploadName('/data/media/abc.ogg')).toBe('abc.ogg');
    expect(uploadName('/data/media/abc.weba')).toBe('abc.webm');
    expect(uploadName('/data/media/abc.mp3')).toBe('abc.mp3');
  });
});

describe('a patient file in the prompt', () => {
  it('a voice note is its transcript, then any caption', () => {
    expect(patientFileText('audio', '', row({ kind: 'audio', transcript: 'quiero un turno' }), 0)).toBe(
      '[Nota de voz] quiero un turno',
    );
    expect(patientFileText('audio', 'urgente', row({ kind: 'audio', transcript: 'me duele' }), 0)).toBe(
      '[Nota de voz] me duele\nurgente',
    );
    expect(patientFileText('audio', '', row({ kind: 'audio', analysisState: 'failed' }), 0)).toBe(
      '[El paciente envió una nota de voz que no se pudo transcribir]',
    );
    expect(patientFileText('audio', '', row({ kind: 'audio', state: 'failed', analysisState: null }), 0)).toBe(
      '[El paciente envió una nota de voz que no se pudo transcribir]',
    );
    // The turn stopped waiting (20 s) before the transcript came: the model knows it is on its way, not lost.
    expect(patientFileText('audio', '', row({ kind: 'audio', analysisState: 'pending' }), 0)).toBe(
      '[El paciente envió una nota de voz; todavía no está transcripta]',
    );
  });

  it('a recent image is its description; an older one, or one without, is only mentioned', () => {
    const image = row({ description: 'Una receta.' });
    expect(patientFileText('image', 'mirá', image, RECENT_IMAGE_MS)).toBe(
      '[El paciente envió una imagen: Una receta.]\nmirá',
    );
    expect(patientFileText('image', 'mirá', image, RECENT_IMAGE_MS + 1)).toBe('[El paciente envió una imagen]\nmirá');
    expect(patientFileText('sticker', '', row({ kind: 'sticker', description: 'Un pulgar arriba.' }), 0)).toBe(
      '[El paciente envió un sticker: Un pulgar arriba.]',
    );
    expect(patientFileText('image', '', undefined, 0)).toBe('[El paciente envió una imagen]');
  });

  it('other files say what kind arrived', () => {
    expect(patientFileText('document', 'los estudios', row({ kind: 'document', analysisState: null }), 0)).toBe(
      '[El paciente envió un archivo: document]\nlos estudios',
    );
  });
});

describe('how long a turn waits for the files it answers', () => {
  it('a voice note gets the whole ai.voiceNoteWaitMs; images alone only a few seconds of it', () => {
    expect(fileWaitMs({ voiceNotes: 1, images: 0 }, 20_000)).toBe(20_000);
    expect(fileWaitMs({ voiceNotes: 1, images: 2 }, 20_000)).toBe(20_000);
    expect(IMAGE_WAIT_MS).toBeLessThanOrEqual(10_000);
    expect(fileWaitMs({ voiceNotes: 0, images: 1 }, 20_000)).toBe(IMAGE_WAIT_MS);
    expect(fileWaitMs({ voiceNotes: 0, images: 1 }, 500)).toBe(500);
  });
});
