import { describe, expect, it } from 'vitest';
import { preview } from '../../db/repos/preview.js';

describe('the conversation list preview', () => {
  it('is the text on one line, shortened with an ellipsis', () => {
    expect(preview('hola\n\n  ¿tenés turno?')).toBe('hola ¿tenés turno?');
    const long = preview('a'.repeat(500));
    expect(long).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });
  it('names the file when a message is only a file', () => {
    expect(preview('', { kind: 'image' })).toBe('Foto');
    expect(preview('', { kind: 'audio' })).toBe('Audio');
    expect(preview('', { kind: 'document' })).toBe('Documento');
    expect(preview('', { kind: 'something-new' })).toBe('Archivo');
    expect(preview('mirá', { kind: 'image' })).toBe('mirá');
    expect(preview('')).toBe('');
  });
});
