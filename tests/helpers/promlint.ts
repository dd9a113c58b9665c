// The rules `promtool check metrics` applies to a Prometheus text exposition (its parser
// plus client_golang's promlint), re-stated so a test can enforce them without the
// Prometheus package (Debian's is ~96 MB with a web UI and a daemon; promtool is not
// packaged on its own). Returns one line per problem, `name: what is wrong`; [] is clean.

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** Scaled units promlint flags (Prometheus wants base units: seconds, bytes). */
const NON_BASE_UNITS = [
  'milliseconds',
  'microseconds',
  'nanoseconds',
  'kilobytes',
  'megabytes',
  'gigabytes',
  'kiloseconds',
];
/** promlint's abbreviated units, matched as whole `_word_` parts of the name. */
const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];

interface Family {
  name: string;
  type?: string;
  help?: string;
  samples: Array<{ name: string; labels: string[] }>;
}

/** Which family a sample line belongs to: histograms and summaries add suffixes. */
function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  for (const suffix of ['', '_bucket', '_sum', '_count']) {
    if (suffix && !sample.endsWith(suffix)) continue;
    const family = families.get(sample.slice(0, sample.length - suffix.length));
    if (family && (suffix === '' || family.type === 'histogram' || family.type === 'summary')) return family;
  }
  return undefined;
}

function parse(text: string, problems: string[]): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => families.get(name) ?? families.set(name, { name, samples: [] }).get(name)!;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
    if (meta) {
      const [, kind, name, rest = ''] = meta;
      if (!METRIC_NAME.test(name!)) problems.push(`${name}: invalid metric name`);
      const f = family(name!);
      if (kind === 'TYPE') {
        if (f.type !== undefined) problems.push(`${name}: second TYPE line`);
        if (f.samples.length) problems.push(`${name}: TYPE after its samples`);
        if (!TYPES.has(rest)) problems.push(`${name}: unknown type "${rest}"`);
        f.type = rest;
      } else {
        if (f.help !== undefined) problems.push(`${name}: second HELP line`);
        f.help = rest;
      }
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([^\s{]+)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/.exec(line);
    if (!sample) {
      problems.push(`unparsable line: ${line}`);
      continue;
    }
    const [, name, labelText = '', value] = sample;
    if (!METRIC_NAME.test(name!)) problems.push(`${name}: invalid metric name`);
    if (!/^(?:[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+)|[-+]?Inf|NaN)$/i.test(value!))
      problems.push(`${name}: bad value "${value}"`);
    const labels = [...labelText.matchAll(/([^=,\s]+)="(?:[^"\\]|\\.)*"/g)].map((m) => m[1]!);
    for (const label of labels)
      if (!LABEL_NAME.test(label) || label.startsWith('__')) problems.push(`${name}: invalid label name "${label}"`);
    const f = familyOf(name!, families);
    if (!f) problems.push(`${name}: sample without HELP/TYPE`);
    else f.samples.push({ name: name!, labels });
  }
  return families;
}

function lint(f: Family): string[] {
  const out: string[] = [];
  const { name, type } = f;
  if (type === undefined) out.push('no TYPE');
  if (!f.help) out.push('no help text');
  if (type === 'counter' && !name.endsWith('_total')) out.push('counter metrics should have "_total" suffix');
  if (type !== 'counter' && name.endsWith('_total')) out.push('non-counter metrics should not have "_total" suffix');
  if (type !== 'histogram' && type !== 'summary') {
    for (const reserved of ['_bucket', '_count', '_sum']) {
      if (name.endsWith(reserved))
        out.push(`non-histogram and non-summary metrics should not have "${reserved}" suffix`);
    }
  }
  const labels = new Set(f.samples.flatMap((s) => s.labels));
  if (type !== 'histogram' && labels.has('le')) out.push('non-histogram metrics should not have "le" label');
  if (type !== 'summary' && labels.has('quantile')) out.push('non-summary metrics should not have "quantile" label');
  for (const t of TYPES) if (name.split('_').includes(t)) out.push(`metric name should not include type '${t}'`);
  if (name.includes(':')) out.push('metric names should not contain ":"');
  if (/[a-z][A-Z]/.test(name)) out.push("metric names should be written in 'snake_case' not 'camelCase'");
  for (const label of labels)
    if (/[a-z][A-Z]/.test(label)) out.push(`label names should be written in 'snake_case' not 'camelCase' (${label})`);
  const words = name.toLowerCase().split('_');
  for (const unit of NON_BASE_UNITS) if (words.includes(unit)) out.push(`use base unit instead of "${unit}"`);
  for (const abbreviation of ABBREVIATIONS)
    if (words.includes(abbreviation)) out.push(`metric names should not contain abbreviated units ("${abbreviation}")`);
  return out.map((problem) => `${name}: ${problem}`);
}

export function promlint(text: string): string[] {
  const problems: string[] = [];
  const families = parse(text, problems);
  for (const family of families.values()) problems.push(...lint(family));
  return problems;
}
