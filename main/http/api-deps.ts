import type { Db } from '../../db/client.js';
import type { AgendaServices } from '../agenda/index.js';
import type { Channel } from '../channels/channel.js';
import type { SimulatorChannel } from '../channels/simulator/simulator-channel.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsapp-channel.js';
import type { YCloudChannel } from '../channels/ycloud/ycloud-channel.js';
import type { ChatwootChannel } from '../channels/chatwoot/chatwoot-channel.js';
import type { QuickTunnel } from '../channels/tunnel/quick-tunnel.js';
import type { EvolutionChannel } from '../channels/evolution/evolution-channel.js';
import type { DiskStatus } from '../kernel/disk-monitor.js';
import type { AppEvents } from './app-events.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../kernel/metrics.js';
import type { SettingsService } from './app-settings.js';
import type { KnowledgeService } from '../knowledge/service.js';
import type { StaffActions } from '../inbox/staff-actions.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { BackupService } from '../backup/service.js';
import type { JobScheduler } from '../jobs/index.js';
import type { NotificationService } from '../notifications/service.js';
import type { ModelEvalJobs } from './assistant-eval-types.js';
import type { Waitlist } from '../automations/waitlist/waitlist.js';

/** Work done while the core is stopped (a restore swaps the data folder); may return how to undo it. */
export type RestartStep = () => Promise<(() => void) | void> | (() => void) | void;

/** Everything the local API's routes may use. Built by the composition root, faked nowhere. */
export interface ApiDeps {
  db: Db;
  log: Logger;
  events: AppEvents;
  settings: SettingsService;
  secrets: SecretStore;
  channels: ReadonlyMap<string, Channel>;
  simulator: SimulatorChannel;
  /** Absent in tests that build the API without channels. */
  whatsapp?: WhatsAppChannel;
  /** Absent in tests that build the API without channels. */
  ycloud?: YCloudChannel;
  /** Absent in tests that build the API without channels. */
  chatwoot?: ChatwootChannel;
  /** "Iniciar un túnel rápido" (cloudflared). Absent in tests that build the API by hand. */
  quickTunnel?: QuickTunnel;
  evolution?: EvolutionChannel;
  staff: StaffActions;
  /** Clinic, practitioners, services, booking, patients. Built from the other deps when absent (tests that build the API by hand). */
  agenda?: AgendaServices;
  /** Absent in tests that build the API for other routes. */
  knowledge?: KnowledgeService;
  metrics: Metrics;
  version: string;
  /** The session token every /api request must carry. */
  token: string;
  /** True when bound beyond loopback (LAN mode): IP-literal Host headers are accepted. */
  lan: boolean;
  /** Key and certificate (PEM) to serve HTTPS with (LAN mode), or null/absent for plain HTTP. */
  tls?: { key: string; cert: string } | null;
  /** The certificate's SHA-256 fingerprint, shown in /api/health so another PC can check what it trusts. */
  tlsFingerprint?: string | null;
  /** Extra Host names to accept (RECEPTA_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** The largest file staff may attach (the media store's limit). */
  mediaLimitBytes: number;
  /** The data folder; stored media files are served from its `media/` folder. */
  dataDir?: string;
  /** Free space on the data folder's disk, measured now (absent in tests that build the API by hand). */
  disk?: () => DiskStatus;
  /** Backups (Ajustes › Copias de seguridad). Absent in tests that build the API for other routes. */
  backups?: BackupService;
  /** The background jobs (GET /api/jobs, POST /api/jobs/{name}/run). Absent in tests that build the API for other routes. */
  jobs?: Pick<JobScheduler, 'list' | 'runNow'>;
  /** Notifications (Ajustes › Integraciones). Absent in tests that build the API for other routes. */
  notifications?: NotificationService;
  /** The waitlist (issue 17): /api/waitlist. Absent in tests that build the API for other routes. */
  waitlist?: Waitlist;
  /** "Evaluar mi modelo" (run by the app layer). Absent in tests that build the API for other routes. */
  modelEval?: ModelEvalJobs;
  /** Loads the demo clinic ("Probar con datos de ejemplo"; built by the composition root). Absent in tests that build the API by hand. */
  loadDemo?: () => { appointments: number; skipped: string[] };
  /** The settings the demo sets beyond `clinic.*`, reset by "Empezar de cero". */
  demoSettingKeys?: () => string[];
  /** Stops the core, runs `between` with the data folder closed, starts it again (a restore). */
  restart?: (between: RestartStep) => Promise<void>;
  /** The built renderer (index.html + assets), or null to serve no UI. */
  rendererDir: string | null;
}
