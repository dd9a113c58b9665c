// pino-roll ships no types; this is the part of its API Recepta uses (see its README).
declare module 'pino-roll' {
  import type pino from 'pino';

  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
  }

  export default function build(options: PinoRollOptions): Promise<ReturnType<typeof pino.destination>>;
}
