/** One model call of a media job: which model, and when to give up. */
export interface ModelCall {
  model: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/** What a description or a transcription produced, with what it cost (for `assistant_usage`). */
export interface ModelResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Length of the audio, when the provider says (transcription is billed by the minute). */
  audioMs: number;
}

/**
 * A job that failed for a reason of ours (no model configured, a file that cannot be
 * read…). `reason` is a short code stored in `media.analysis_error` and shown to staff.
 */
export class JobFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    override readonly cause?: unknown,
  ) {
    super(reason);
  }
}
