// Small statistics and reporting helpers shared by every benchmark.
//
// Output contract (`npm run bench`, see /work/shared/INTERFACES.md): every figure is a
// plain line `name: value unit`, optionally followed by a note in parentheses, and
// every figure with a reference measured in the same run gets a `name_ratio: N x` line.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: p99 of 300 samples is the 297th smallest, not an interpolation.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function mean(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

export interface Reference {
  label: string;
  value: number;
}

export interface Target {
  value: number;
  /** `max`: an upper bound (time, memory); `min`: a lower bound (throughput). */
  kind: 'max' | 'min';
}

export const meetsTarget = (f: Figure): boolean =>
  !f.target || (f.target.kind === 'max' ? f.value <= f.target.value : f.value >= f.target.value);

export interface Figure {
  name: string;
  value: number;
  unit: string;
  reference?: Reference;
  target?: Target;
  note?: string;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function targetVerdict(f: Figure): string {
  if (!f.target) return '';
  const share = f.value / f.target.value;
  return `${fmt(share)} of target${meetsTarget(f) ? '' : ' MISSED'}`;
}

const figures: Figure[] = [];

/** Prints a figure (and its ratio line) now, and keeps it for the summary table. */
export function report(f: Figure): void {
  figures.push(f);
  const notes: string[] = [];
  if (f.reference)
    notes.push(`${f.reference.label} ${fmt(f.reference.value)} ${f.unit}, ratio ${fmt(f.value / f.reference.value)}x`);
  if (f.target)
    notes.push(`target ${f.target.kind === 'min' ? '≥ ' : ''}${fmt(f.target.value)} ${f.unit}: ${targetVerdict(f)}`);
  if (f.note) notes.push(f.note);
  console.log(`${f.name}: ${fmt(f.value)} ${f.unit}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  if (f.reference) console.log(`${f.name}_ratio: ${fmt(f.value / f.reference.value)} x (vs ${f.reference.label})`);
}

/** An informational line that is not a figure of merit (counts, build times). */
export function info(name: string, value: number | string, unit = ''): void {
  console.log(`${name}: ${typeof value === 'number' ? fmt(value) : value}${unit ? ` ${unit}` : ''}`);
}

export function summaryTable(): string {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.reference ? `${fmt(f.reference.value)} ${f.unit}` : '',
    f.reference ? `${fmt(f.value / f.reference.value)}x` : '',
    f.target ? `${f.target.kind === 'min' ? '≥ ' : ''}${fmt(f.target.value)} ${f.unit}` : '',
    f.target ? (meetsTarget(f) ? 'ok' : 'MISSED') : '',
  ]);
  const header = ['figure', 'value', 'reference', 'ratio', 'target', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function missedTargets(): Figure[] {
  return figures.filter((f) => !meetsTarget(f));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds since an earlier `performance.now()`. */
export const since = (t0: number) => performance.now() - t0;
