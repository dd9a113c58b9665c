import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/api/types';
import { messageMedia } from './model';

const withMedia = (media: unknown): Message => ({
  id: 1,
  conversationId: 1,
  role: 'patient',
  text: '',
  media: media as Message['media'],
  createdAt: '2024-11-14T12:00:00Z',
  status: 'received',
  answeredBy: null,
  failureReason: null,
  fallbackReason: null,
  receivedWhileOffline: false,
  assistantDetails: null,
});

describe('reading a message attachment', () => {
  it('reads the media shape, with the size under any of its names', () => {
    expect(
      messageMedia(
        withMedia({
          id: 'a-b',
          kind: 'image',
          mimeType: 'image/png',
          fileName: 'x.png',
          state: 'stored',
          hasThumbnail: true,
          sizeBytes: 1200,
        }),
      ),
    ).toEqual({
      id: 'a-b',
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'x.png',
      state: 'stored',
      hasThumbnail: true,
      error: null,
      size: 1200,
      description: null,
      transcript: null,
      analysisState: null,
      analysisError: null,
    });
    expect(messageMedia(withMedia({ id: 'c', kind: 'audio', state: 'pending', size: 5 }))?.size).toBe(5);
  });

  it('reads what the core made of the file, and an analysis state it does not know as none', () => {
    const seen = messageMedia(
      withMedia({ id: 'd', kind: 'image', state: 'stored', description: 'Una receta.', analysisState: 'done' }),
    );
    expect(seen).toMatchObject({
      description: 'Una receta.',
      transcript: null,
      analysisState: 'done',
      analysisError: null,
    });
    const heard = messageMedia(
      withMedia({ id: 'e', kind: 'audio', state: 'stored', analysisState: 'failed', analysisError: 'unreachable' }),
    );
    expect(heard).toMatchObject({ analysisState: 'failed', analysisError: 'unreachable' });
    expect(
      messageMedia(withMedia({ id: 'f', kind: 'audio', state: 'stored', analysisState: 'thinking' }))?.analysisState,
    ).toBeNull();
  });

  it('treats unknown kinds as documents and unknown shapes as no attachment', () => {
    expect(messageMedia(withMedia({ id: 'z', kind: 'hologram', state: 'stored' }))?.kind).toBe('document');
    expect(messageMedia(withMedia({ url: 'http://x' }))).toBeNull();
    expect(messageMedia(withMedia('a string'))).toBeNull();
    expect(messageMedia(withMedia(null))).toBeNull();
  });
});
