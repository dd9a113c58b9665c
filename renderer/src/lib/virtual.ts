import { measureElement, type Virtualizer } from '@tanstack/react-virtual';

/**
 * Measures a virtual row, keeping its last known size while it is hidden (a pane with
 * `display: none` in the half-screen layout reports every row as 0 px tall; taking that
 * as real would collapse the list and throw the scroll position off when it shows again).
 */
export function measureKeepingHidden<T extends Element>(
  el: T,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, T>,
): number {
  const size = measureElement(el, entry, instance);
  if (size > 0) return size;
  const index = instance.indexFromElement(el);
  const known = instance.itemSizeCache.get(instance.options.getItemKey(index));
  return known ?? instance.options.estimateSize(index);
}
