// A realistic, large Recepta database (10,000 conversations, 1,000,000 messages) for
// the benchmarks that must not get slower as a clinic's history grows. Built once
// into bench/.data/ (gitignored) and reused while its shape still matches; every
// run copies it into a fresh folder so nothing a benchmark does leaks into the next.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { closeDatabase, defaultMigrationsFolder, openDatabase } from '../db/client.js';
import { catchUpSearchIndex } from '../db/repos/search-index.js';
import { paths } from '../main/kernel/paths.js';

export const BIG_CONVERSATIONS = 10_000;
export const BIG_MESSAGES = 1_000_000;
/** Bump when the generated shape changes, so an old file is rebuilt rather than reused. */
const GENERATOR_VERSION = 1;
const CHUNK = 100_000;

export interface BigDatabase {
  file: string;
  built: boolean;
  /** How long building took (now, or when it was built). */
  buildMs: number;
  bytes: number;
}

interface Manifest {
  generator: number;
  migrations: number;
  /** Hash of the migration files: a regenerated migration changes the schema without changing the count. */
  schema: string;
  conversations: number;
  messages: number;
  buildMs: number;
}

export function bigDataFolder(): string {
  return path.join(paths('').root, 'bench', '.data');
}

function migrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

function schemaFingerprint(): string {
  const folder = defaultMigrationsFolder();
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(folder, 'meta', '_journal.json')));
  for (const f of readdirSync(folder)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    hash.update(f).update(readFileSync(path.join(folder, f)));
  return hash.digest('hex').slice(0, 16);
}

/** The stored file is reusable when its manifest, its schema version and its row counts all match. */
function reusable(file: string, manifestFile: string): Manifest | null {
  if (!existsSync(file) || !existsSync(manifestFile)) return null;
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (m.generator !== GENERATOR_VERSION || m.migrations !== migrationCount() || m.schema !== schemaFingerprint())
      return null;
    const db = new Database(file, { readonly: true });
    try {
      const userVersion = Number(db.pragma('user_version', { simple: true }));
      const conversations = (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
      const messages = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
      if (userVersion !== m.migrations || conversations !== BIG_CONVERSATIONS || messages !== BIG_MESSAGES) return null;
    } finally {
      db.close();
    }
    return m;
  } catch {
    return null;
  }
}

export function ensureBigDatabase(dir = bigDataFolder()): BigDatabase {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'big.db');
  const manifestFile = path.join(dir, 'big.json');
  const existing = reusable(file, manifestFile);
  if (existing) return { file, built: false, buildMs: existing.buildMs, bytes: statSync(file).size };

  const building = path.join(dir, 'big.building.db');
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const t0 = performance.now();
  generate(building);
  const buildMs = performance.now() - t0;
  renameSync(building, file);
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    migrations: migrationCount(),
    schema: schemaFingerprint(),
    conversations: BIG_CONVERSATIONS,
    messages: BIG_MESSAGES,
    buildMs,
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { file, built: true, buildMs, bytes: statSync(file).size };
}

/** Copies the big database into `dataDir` as the core's database file. */
export function copyBigDatabaseInto(big: BigDatabase, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(big.file, paths(dataDir).database);
}

// ---------------------------------------------------------------------------------
// Generation. Deterministic (seeded) so two builds hold the same rows.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATIENT_TEXTS = [
  'Hola, buen día',
  'Hola! Quería saber si tienen turno para limpieza dental esta semana',
  '¿Atienden por OSDE?',
  'Necesito cambiar el turno del jueves, me surgió un imprevisto en el trabajo',
  'Gracias!!',
  'Perfecto, ahí estaré',
  '¿Cuánto sale la consulta particular?',
  'Buenas tardes, mi hija tiene dolor de muela desde anoche, ¿la pueden ver hoy?',
  'Sí, el viernes a las 16 me viene bien',
  '¿Dónde queda el consultorio? ¿Hay estacionamiento cerca?',
  'Quiero cancelar el turno de mañana, disculpen',
  'Ok',
  'Hola, me pasaron este número para sacar turno con la Dra. Gómez',
  '¿Hacen blanqueamiento? ¿Cuántas sesiones son?',
  'Me olvidé a qué hora era mi turno 😅',
  'Llego 10 minutos tarde, perdón',
  'Buenísimo, muchas gracias por la atención',
  '¿Tienen algo más temprano? Trabajo a partir de las 9',
];

const ASSISTANT_TEXTS = [
  '¡Hola! Soy Sofi, la asistente de la clínica. ¿En qué te puedo ayudar?',
  'Tenemos turnos para limpieza el miércoles a las 10:30 o el jueves a las 17:00. ¿Cuál te queda mejor?',
  'Sí, trabajamos con OSDE, Swiss Medical y Galeno. Traé la credencial y el DNI el día del turno.',
  'Listo, tu turno quedó reprogramado para el martes 14 a las 11:00 con la Dra. Gómez. Te mando un recordatorio el día anterior.',
  '¡De nada! Cualquier cosa escribime por acá.',
  'La consulta particular tiene un valor de $25.000. Si necesitás un tratamiento, el odontólogo te pasa el presupuesto en la consulta.',
  'Lamento mucho lo de tu hija. Hoy tenemos un sobreturno a las 18:30 para urgencias, ¿querés que lo reserve?',
  'Estamos en Av. Santa Fe 2450, 3° B. Hay un estacionamiento en la esquina de Pueyrredón.',
  'Listo, cancelé tu turno de mañana. Si querés sacar otro, decime qué día te viene bien.',
  'Tu turno es el lunes 20 a las 9:30 con el Dr. Pérez. ¡Te esperamos!',
  'Sí, hacemos blanqueamiento. Suelen ser dos sesiones de una hora; primero hace falta una consulta de evaluación.',
  'No hay problema, le aviso al equipo. Gracias por avisar.',
  'Le paso tu consulta a una persona del equipo, que te va a responder a la brevedad.',
];

const FIRST_NAMES = [
  'María',
  'Juan',
  'Lucía',
  'Martín',
  'Sofía',
  'Diego',
  'Valentina',
  'Pablo',
  'Camila',
  'Nicolás',
  'Florencia',
  'Javier',
];
const LAST_NAMES = [
  'González',
  'Rodríguez',
  'Gómez',
  'Fernández',
  'López',
  'Díaz',
  'Martínez',
  'Pérez',
  'Romero',
  'Sosa',
];

interface Identity {
  provider: string;
  channel: string;
  externalUserId: string;
  phone: string | null;
}

function identity(k: number, r: number): Identity {
  const phone = `+54911${String(40_000_000 + k * 37).padStart(8, '0')}`;
  if (r < 0.8)
    return { provider: 'baileys', channel: 'whatsapp', externalUserId: `${phone.slice(1)}@s.whatsapp.net`, phone };
  if (r < 0.85) return { provider: 'ycloud', channel: 'whatsapp', externalUserId: phone, phone };
  if (r < 0.95)
    return { provider: 'chatwoot', channel: 'instagram', externalUserId: `contact-${100_000 + k}`, phone: null };
  return { provider: 'chatwoot', channel: 'facebook', externalUserId: `contact-${100_000 + k}`, phone: null };
}

function hexId(rand: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(rand() * 0x100000000)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0');
  return out.slice(0, length);
}

function providerMessageId(provider: string, rand: () => number, seq: number): string {
  if (provider === 'baileys') return `3EB0${hexId(rand, 16)}`;
  if (provider === 'ycloud') return `wamid.HBgN${hexId(rand, 28)}`;
  return String(5_000_000 + seq);
}

function generate(file: string): void {
  const db = openDatabase(file);
  const sqlite = db.$client;
  // Building a throwaway file: durability buys nothing here, speed does.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -524288');
  const rand = mulberry32(20_261_114);
  const DAY = 86_400_000;
  const end = Date.now() - DAY;
  const start = end - 730 * DAY;
  const step = (end - start) / BIG_MESSAGES;

  const insertPatient = sqlite.prepare(
    'INSERT INTO patients (id, display_name, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertConversation = sqlite.prepare(
    `INSERT INTO conversations (id, channel, provider, external_user_id, external_conversation_id, patient_id, display_name,
       last_message_at, last_message_preview, unread, human_override_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0, NULL, ?)`,
  );
  const insertMessage = sqlite.prepare(
    `INSERT INTO messages (id, conversation_id, role, text, media, provider, provider_message_id, status, turn_state, meta, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDedup = sqlite.prepare(
    'INSERT INTO inbound_dedup (provider, provider_message_id, message_id, received_at) VALUES (?, ?, ?, ?)',
  );
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (id, message_id, conversation_id, provider, status, attempts, max_attempts, next_attempt_at,
       last_error, provider_message_id, created_at, sent_at)
     VALUES (?, ?, ?, ?, 'sent', 1, 3, ?, NULL, ?, ?, ?)`,
  );
  const finishConversation = sqlite.prepare(
    'UPDATE conversations SET last_message_at = ?, last_message_preview = ?, unread = ? WHERE id = ?',
  );

  // Conversation k opens at message slot firstSlot(k): chats appear steadily over two years.
  const firstSlot = (k: number) => Math.floor((k * BIG_MESSAGES) / BIG_CONVERSATIONS);
  const identities: Identity[] = [];
  sqlite.transaction(() => {
    for (let k = 0; k < BIG_CONVERSATIONS; k++) {
      const id = identity(k, rand());
      identities.push(id);
      const createdAt = Math.round(start + firstSlot(k) * step);
      const name =
        rand() < 0.9
          ? `${FIRST_NAMES[k % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(k / FIRST_NAMES.length) % LAST_NAMES.length]}`
          : null;
      insertPatient.run(k + 1, name, id.phone, createdAt, createdAt);
      insertConversation.run(
        k + 1,
        id.channel,
        id.provider,
        id.externalUserId,
        id.provider === 'chatwoot' ? String(9_000 + k) : null,
        k + 1,
        name,
        createdAt,
        createdAt,
      );
    }
  })();

  const lastRole = new Uint8Array(BIG_CONVERSATIONS); // 0 none, 1 patient, 2 assistant
  const lastAt = new Float64Array(BIG_CONVERSATIONS);
  const lastText: string[] = new Array<string>(BIG_CONVERSATIONS).fill('');
  let outboxId = 0;
  let opened = 0;
  const ACTIVE_WINDOW = 150;

  const writeChunk = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let k: number;
      if (opened < BIG_CONVERSATIONS && i === firstSlot(opened)) k = opened++;
      else if (rand() < 0.65) k = Math.max(0, opened - 1 - Math.floor(rand() * Math.min(ACTIVE_WINDOW, opened)));
      else k = Math.floor(rand() * opened);
      const who = identities[k]!;
      const role = lastRole[k] === 1 && rand() < 0.85 ? 'assistant' : 'patient';
      const id = i + 1;
      const createdAt = Math.round(start + i * step);
      if (role === 'patient') {
        const withMedia = rand() < 0.03;
        const text = withMedia ? '' : PATIENT_TEXTS[Math.floor(rand() * PATIENT_TEXTS.length)]!;
        const media = withMedia ? '{"kind":"image","mimeType":"image/jpeg"}' : null;
        const pmid = providerMessageId(who.provider, rand, i);
        insertMessage.run(
          id,
          k + 1,
          'patient',
          text,
          media,
          who.provider,
          pmid,
          'received',
          'answered',
          null,
          createdAt,
        );
        insertDedup.run(who.provider, pmid, id, createdAt);
        lastText[k] = text || '📎';
      } else {
        const text = ASSISTANT_TEXTS[Math.floor(rand() * ASSISTANT_TEXTS.length)]!;
        const latencyMs = 600 + Math.floor(rand() * 2400);
        const meta = `{"mode":"llm","model":"gpt-4o-mini","promptTokens":${700 + Math.floor(rand() * 900)},"completionTokens":${20 + Math.floor(rand() * 80)},"latencyMs":${latencyMs}}`;
        const pmid = providerMessageId(who.provider, rand, i);
        const status = rand() < 0.8 ? 'read' : 'delivered';
        insertMessage.run(id, k + 1, 'assistant', text, null, who.provider, pmid, status, null, meta, createdAt);
        outboxId += 1;
        insertOutbox.run(
          outboxId,
          id,
          k + 1,
          who.provider,
          createdAt,
          pmid,
          createdAt,
          createdAt + 400 + Math.floor(rand() * 800),
        );
        lastText[k] = text;
      }
      lastRole[k] = role === 'patient' ? 1 : 2;
      lastAt[k] = createdAt;
    }
  };
  for (let from = 0; from < BIG_MESSAGES; from += CHUNK) {
    sqlite.transaction(() => writeChunk(from, Math.min(from + CHUNK, BIG_MESSAGES)))();
  }

  sqlite.transaction(() => {
    for (let k = 0; k < BIG_CONVERSATIONS; k++) {
      // A patient message answered by nobody yet would be owed a turn; every one here is 'answered',
      // and only a few recent chats show unread messages.
      const unread = lastRole[k] === 1 && k > BIG_CONVERSATIONS - 50 ? 1 : 0;
      finishConversation.run(lastAt[k], lastText[k]!.slice(0, 140), unread, k + 1);
    }
    sqlite
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`)
      .run('installation.id', JSON.stringify('bench-big-database-0001'), end);
    sqlite
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`)
      .run('clinic.name', JSON.stringify('Clínica Dental Palermo'), end);
  })();
  // The search indexes are fed behind the writes (migration 0010): a database the app had
  // been running on has them caught up, so the searches measured here do not index first.
  catchUpSearchIndex(db);
  closeDatabase(db);
}
