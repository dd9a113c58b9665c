// The in-page half of the browser benchmark: installed with `addInitScript`, so the app
// itself carries no measuring code (no production cost). It reads only what a user would
// see — links to chats, the thread's messages, the calendar's columns and events — and
// times one interaction from its input event (the browser's own `timeStamp`) to the first
// frame painted with the expected state on screen.

/** What "done" looks like for one interaction. */
export type Done =
  /** The chat's newest message is in the thread and inside its visible area. */
  | { kind: 'message'; messageId: number }
  /** The chat list shows only search results (all rows in `ids`), at least `min` of them, for `query`. */
  | { kind: 'list'; ids: number[]; min: number; query: string }
  /** The week starting `monday` is shown with its `events` appointments drawn or counted in a "+N" link. */
  | { kind: 'week'; monday: string; events: number }
  /** Anything: the next frame after the input (the floor every interaction pays). */
  | { kind: 'frame' };

/**
 * `window.__receptaBench` in the page: `arm(trigger, done)` starts watching for `trigger`
 * ('click' | 'input') events; `isDone(done)` says whether the page shows it now; `result()` then resolves with the milliseconds from the last
 * such event to the first painted frame that is `done`. Plain JavaScript, because the
 * benchmark compiles without the DOM's types (main/ must not see them).
 */
export const PROBE_SCRIPT = String.raw`(() => {
  const chatIds = () =>
    Array.from(document.querySelectorAll('main a[href^="/conversaciones/"]'))
      .map((a) => Number(/^\/conversaciones\/(\d+)/.exec(a.getAttribute('href') || '')?.[1]))
      .filter((id) => Number.isFinite(id));

  // Inside the viewport and inside every scrolling ancestor's visible box.
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (!/(auto|scroll)/.test(getComputedStyle(p).overflowY)) continue;
      const box = p.getBoundingClientRect();
      if (r.bottom <= box.top || r.top >= box.bottom) return false;
    }
    return true;
  };

  const isDone = (done) => {
    switch (done.kind) {
      case 'frame':
        return true;
      case 'message': {
        const el = document.querySelector('[role="log"] [data-message-id="' + done.messageId + '"]');
        return el !== null && onScreen(el);
      }
      case 'list': {
        const input = document.querySelector('main input[type="search"]');
        if (!input || input.value !== done.query) return false;
        const shown = chatIds();
        const wanted = new Set(done.ids);
        return shown.length >= done.min && shown.every((id) => wanted.has(id));
      }
      case 'week': {
        // Every appointment is on screen: drawn, or counted in its slot's "+N más" link.
        const first = document.querySelector('.fc-col-header-cell[data-date]')?.getAttribute('data-date');
        if (first !== done.monday) return false;
        let shown = document.querySelectorAll('.fc-timegrid-event').length;
        for (const more of document.querySelectorAll('.fc-timegrid-more-link'))
          shown += Number((more.textContent.match(/\d+/) || ['0'])[0]);
        return shown === done.events;
      }
    }
    return false;
  };

  let pending = null;
  window.__receptaBench = {
    isDone,
    arm(trigger, done) {
      pending = new Promise((resolve) => {
        let start = null;
        // Every input event restarts the clock: for typing, the time counts from the last key.
        const onInput = (e) => (start = e.timeStamp);
        document.addEventListener(trigger, onInput, true);
        const frame = () => {
          if (start !== null && isDone(done)) {
            document.removeEventListener(trigger, onInput, true);
            const from = start;
            // A task queued from the frame callback runs once that frame has been painted.
            setTimeout(() => resolve(performance.now() - from), 0);
            return;
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    },
    result() {
      return pending || Promise.reject(new Error('arm() was not called'));
    },
  };
})();`;
