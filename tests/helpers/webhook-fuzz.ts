// Mutated webhook bodies for the bounded fuzz tests of the providers' routes: each case
// takes a real-shaped payload and breaks it the ways a buggy gateway, a proxy or an
// attacker with the secret would — a field removed, a value of the wrong type, an
// absurd size, the wrong event type, or bytes cut off mid-JSON. Seeded, so a failure is
// the same failure on every run and its case number finds it again.

/** mulberry32: a small, well-mixed, seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const REPLACEMENTS: Json[] = [
  null,
  0,
  -1,
  1e308,
  3.5,
  true,
  '',
  ' ',
  '💥🦷',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '2026-13-45T99:99:99Z',
  '+0',
  'x'.repeat(5_000),
  '9'.repeat(40),
  '@lid',
  'status@broadcast',
  [],
  [null],
  {},
  { unexpected: { deeply: ['nested'] } },
];

/** Every path in a JSON value, the root included. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } | null {
  if (path.length === 0) return null;
  let parent = root;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step]!;
  return { parent, key: path[path.length - 1]! };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** One mutation at a random place: remove it, or replace it with a value of another kind. */
function mutateOnce(root: Json, rand: () => number, eventTypes: readonly string[]): Json {
  const paths = pathsOf(root);
  const target = parentOf(root, pick(rand, paths));
  if (!target) return pick(rand, REPLACEMENTS); // the whole body replaced
  const { parent, key } = target;
  const container = parent as Record<string | number, Json>;
  const roll = rand();
  if (roll < 0.3) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete container[key];
  } else if (roll < 0.4 && eventTypes.length > 0 && typeof container[key] === 'string') {
    container[key] = pick(rand, eventTypes); // a real event type where it does not belong
  } else {
    container[key] = structuredClone(pick(rand, REPLACEMENTS));
  }
  return root;
}

export interface FuzzCase {
  /** For the failure message: which case and from which payload. */
  name: string;
  /** The exact bytes to post (sometimes not JSON at all). */
  raw: string;
}

/** `count` mutated bodies from `payloads`: 1 to 3 mutations each, and one in ten cut off at a random byte. */
export function fuzzCases(
  payloads: ReadonlyArray<{ name: string; body: unknown }>,
  options: {
    count: number;
    seed: number;
    /** The provider's event names, swapped in at random. */
    eventTypes?: readonly string[];
    /** Makes case `i` its own event before it is broken (new ids), so not every case is a redelivery. */
    vary?: (body: unknown, i: number) => unknown;
  },
): FuzzCase[] {
  const { count, seed, eventTypes = [], vary = (b) => b } = options;
  const rand = seededRandom(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(rand, payloads);
    let body = vary(structuredClone(source.body), i) as Json;
    const mutations = 1 + Math.floor(rand() * 3);
    for (let m = 0; m < mutations; m++) body = mutateOnce(body, rand, eventTypes);
    let raw = JSON.stringify(body) ?? 'null';
    if (rand() < 0.1) raw = raw.slice(0, Math.floor(rand() * raw.length));
    cases.push({ name: `case ${i} (from ${source.name})`, raw });
  }
  return cases;
}
