import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type OpenAI from 'openai';
import { loadOpenAI } from '../openai-client.js';
import { JobFailure, type ModelCall, type ModelResult } from './job.js';

/**
 * `/audio/transcriptions` picks the decoder from the file name, and accepts only some
 * extensions (flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav, webm). A WhatsApp voice note is
 * Ogg/Opus, sometimes labelled `audio/opus`: it is sent as the `.ogg` it really is.
 */
const UPLOAD_EXTENSIONS: Record<string, string> = { opus: 'ogg', weba: 'webm', aac: 'm4a' };

/** The name the file is uploaded under: its id, with an extension the endpoint understands. */
export function uploadName(file: string): string {
  const ext = path.extname(file).slice(1).toLowerCase();
  return `${path.basename(file, path.extname(file))}.${UPLOAD_EXTENSIONS[ext] ?? ext}`;
}

/**
 * Whisper models answer `verbose_json` with the audio's duration (what transcription is
 * billed by); the newer gpt-4o-*-transcribe models only speak `json`, and report usage instead.
 */
function responseFormat(model: string): 'verbose_json' | 'json' {
  return /whisper/i.test(model) ? 'verbose_json' : 'json';
}

interface TranscriptionBody {
  text?: string;
  duration?: number;
  usage?: { type?: string; seconds?: number; input_tokens?: number; output_tokens?: number };
}

/** The stored audio file, through the OpenAI-compatible `/audio/transcriptions` endpoint (language detected: patients may write in English). */
export async function transcribeAudio(
  client: OpenAI,
  call: ModelCall,
  file: string,
  mimeType: string | null,
): Promise<ModelResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new JobFailure('file_missing', false, error);
  }
  const { toFile } = await loadOpenAI();
  const upload = await toFile(bytes, uploadName(file), mimeType ? { type: mimeType } : undefined);
  const body = (await client.audio.transcriptions.create(
    { file: upload, model: call.model, response_format: responseFormat(call.model) },
    { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
  )) as TranscriptionBody;
  const text = body.text?.trim() ?? '';
  if (!text) throw new JobFailure('empty', false);
  const seconds =
    typeof body.duration === 'number' ? body.duration : body.usage?.type === 'duration' ? (body.usage.seconds ?? 0) : 0;
  return {
    text,
    promptTokens: body.usage?.type === 'tokens' ? (body.usage.input_tokens ?? 0) : 0,
    completionTokens: body.usage?.type === 'tokens' ? (body.usage.output_tokens ?? 0) : 0,
    cachedTokens: 0,
    audioMs: Math.round(seconds * 1000),
  };
}
