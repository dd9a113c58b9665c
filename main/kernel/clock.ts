/**
 * "Now", as milliseconds since the epoch (UTC). Every service that reads the time takes one,
 * defaulting to the system clock, so a test can pin it and a job can be asked "what is due at
 * this instant" without waiting for it. Calendar days are computed from it in the clinic's zone
 * (agenda/zone-clock.ts), never from the machine's.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
