import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | null = null;

/**
 * sharp (libvips) takes ~160 ms to load, a tenth of a cold start, and most starts never
 * touch an image before the first one arrives: it loads on first use (thumbnails, images
 * for the vision model) and stays loaded.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
