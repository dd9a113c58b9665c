// What an appointment shows inside its box on the calendar, built as plain DOM. A week holds
// hundreds of appointments: given React elements, FullCalendar mounts a React portal per
// event (each with its own listeners) on every render, which made switching weeks with 700
// appointments take seconds (bench/browser-latency.ts). Plain nodes are what FullCalendar
// inserts itself ({ domNodes }), at a fraction of the cost, with the same markup.
import type { Appointment } from '../../../shared/api/types';
import { shortName } from './calendar-events';

/** The words the box needs, in the UI's language. */
export interface EventWords {
  /** "Agendado por el asistente" (title and screen-reader text of the assistant's mark). */
  bookedByAssistant: string;
  /** The short tag beside the time in day and week views. */
  assistantTag: string;
  /** The status label, for any status but 'scheduled'. */
  status(status: Appointment['status']): string;
  /** "Llegó": reception saw the patient. */
  arrived: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function span(className: string, text?: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The assistant's mark: a small spark (no emoji: many PCs lack the glyph). */
function sparkIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'appt__spark');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '10');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M8 0l1.8 6.2L16 8l-6.2 1.8L8 16l-1.8-6.2L0 8l6.2-1.8z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** The assistant's mark with its title and its words for screen readers; `tag` adds the visible short tag. */
function assistantMark(className: string, words: EventWords, tag: boolean): HTMLSpanElement {
  const mark = span(className);
  mark.title = words.bookedByAssistant;
  mark.append(sparkIcon());
  if (tag) mark.append(span('appt__tag-text', words.assistantTag));
  mark.append(span('sr-only', `: ${words.bookedByAssistant}`));
  return mark;
}

/**
 * The box's content: in month view "9:30 Lucía F." with the assistant's spark after the
 * name (never in its place); in day and week views time (and the assistant's tag), full
 * name, service, and the status unless it is just scheduled.
 */
export function appointmentContent(a: Appointment, timeText: string, month: boolean, words: EventWords): HTMLElement {
  const inner = document.createElement('div');
  inner.className = 'appt__inner';
  if (month) {
    inner.append(span('appt__time', timeText), span('appt__name', shortName(a.patientName)));
    if (a.source === 'assistant') inner.append(assistantMark('appt__mark', words, false));
    return inner;
  }
  const time = span('appt__time', timeText);
  if (a.source === 'assistant') time.append(assistantMark('appt__tag', words, true));
  // On the first line: a 30-minute box shows two lines or three, and reception looks for who is in.
  if (a.arrivedAt) time.append(span('appt__arrived', words.arrived));
  inner.append(time, span('appt__name', a.patientName), span('appt__service', a.serviceName));
  if (a.status !== 'scheduled') inner.append(span('appt__status', words.status(a.status)));
  return inner;
}

/** A background event's label (a closure's or a time off's reason), or nothing. */
export function backgroundLabel(title: string): HTMLElement[] {
  return title ? [span('bg-label', title)] : [];
}
