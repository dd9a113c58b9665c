// The media half of the scripted OpenAI-compatible server (fake-openai.ts): image
// descriptions (chat completions whose messages carry an image part, answered from their
// own queue so they never take a turn's script) and `/audio/transcriptions` (multipart).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest, Script } from './fake-openai.js';

/** What the fake does for one `/audio/transcriptions` request; `duration` is sent with `verbose_json`. */
export type TranscriptionScript =
  { text: string; duration?: number; delayMs?: number } | { hang: true } | { status: number; message?: string };

/**
 * The scripts every fake route shares: hang (the request never gets an answer, until the
 * server closes) or fail with a status. True when the script was one of those and is answered.
 */
export function answeredAsScriptedFailure<S extends object>(
  res: ServerResponse,
  script: S,
  hanging: Set<ServerResponse>,
): script is Extract<S, { hang: true } | { status: number }> {
  if ('hang' in script) {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return true;
  }
  if ('status' in script) {
    const failure = script as { status: number; message?: string };
    res.statusCode = failure.status;
    res.end(
      JSON.stringify({ error: { message: failure.message ?? 'scripted failure', type: 'invalid_request_error' } }),
    );
    return true;
  }
  return false;
}

/** The image parts (data URLs) a chat request carried. */
export function imageParts(req: RecordedRequest): string[] {
  const urls: string[] = [];
  for (const m of req.body.messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    for (const part of m.content as Array<{ type?: string; image_url?: { url?: string } }>) {
      if (part.type === 'image_url' && part.image_url?.url) urls.push(part.image_url.url);
    }
  }
  return urls;
}

export interface MediaFake {
  visionQueue: Script[];
  visionFallback: Script;
  transcriptionQueue: TranscriptionScript[];
  transcriptionFallback: TranscriptionScript;
  /** The script for a chat request that carries an image, or undefined for a turn's request. */
  visionScript(req: RecordedRequest): Script | undefined;
  /** Answers a POST to `/audio/transcriptions`, recording the form (the file as name, type and size). */
  transcribe(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    requests: RecordedRequest[],
    hanging: Set<ServerResponse>,
  ): Promise<void>;
}

export function createMediaFake(): MediaFake {
  const fake: MediaFake = {
    visionQueue: [],
    visionFallback: { reply: 'Una foto sin nada particular.' },
    transcriptionQueue: [],
    transcriptionFallback: { text: 'Hola, quería consultar por un turno.', duration: 2.5 },
    visionScript: (req) => (imageParts(req).length > 0 ? (fake.visionQueue.shift() ?? fake.visionFallback) : undefined),
    async transcribe(req, res, path, requests, hanging) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData();
      const file = form.get('file');
      const body: RecordedRequest['body'] = {};
      for (const [key, value] of form.entries()) if (typeof value === 'string') body[key] = value;
      if (file && typeof file !== 'string') body.file = { name: file.name, type: file.type, size: file.size };
      requests.push({ path, authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      const script = fake.transcriptionQueue.shift() ?? fake.transcriptionFallback;
      if (answeredAsScriptedFailure(res, script, hanging)) return;
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
      const verbose = body.response_format === 'verbose_json';
      res.end(
        JSON.stringify(
          verbose
            ? {
                task: 'transcribe',
                language: 'spanish',
                duration: script.duration ?? 0,
                text: script.text,
                segments: [],
              }
            : { text: script.text },
        ),
      );
    },
  };
  return fake;
}
