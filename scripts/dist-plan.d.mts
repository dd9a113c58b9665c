export type DistPlatform = 'mac' | 'win' | 'linux';

export interface DistPlan {
  /** Deep-merged over electron-builder.yml. */
  config: Record<string, unknown>;
  /** Set for electron-builder's process. */
  env: Record<string, string>;
  /** One line each, printed before building. */
  messages: string[];
}

export function platformsFrom(args: string[], hostPlatform: NodeJS.Platform): DistPlatform[];
export function distPlan(env: Record<string, string | undefined>, platforms: DistPlatform[]): DistPlan;
