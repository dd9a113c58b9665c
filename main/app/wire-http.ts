import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { buildApiApp } from '../http/api-app.js';
import type { RestartStep } from '../http/api-deps.js';
import { addressForOthers, lanCertificate, type LanCertificate } from '../http/tls.js';
import { calendarFeedFile } from '../http/routes/calendar-file.js';
import { buildWebhookApp } from '../http/webhook-app.js';
import { QuickTunnel } from '../channels/tunnel/quick-tunnel.js';
import type { StaffActions } from '../inbox/staff-actions.js';
import type { BootConfig } from '../kernel/config.js';
import type { Logger } from '../kernel/logger.js';
import { paths } from '../kernel/paths.js';
import { webhookHandlersOf } from './channels.js';
import { createModelEval } from './model-eval.js';
import { demoSettingKeys } from './demo.js';
import type { Services } from './services.js';
import type { StopStack } from './start.js';
import { appVersion } from './version.js';

export interface ListenersInput {
  config: BootConfig;
  env: NodeJS.ProcessEnv;
  log: Logger;
  db: Db;
  services: Services;
  staff: StaffActions;
  restart: (between: RestartStep) => Promise<void>;
  stack: StopStack;
}

export interface Listening {
  apiUrl: string;
  webhookUrl: string;
  openUrl: string;
  tlsFingerprint: string | null;
  readyLine: string;
}

/** Builds the webhook listener and the local API on the services, and starts both listening (last: no request before the rest is up). */
export async function startListeners({
  config,
  env,
  log,
  db,
  services,
  staff,
  restart,
  stack,
}: ListenersInput): Promise<Listening> {
  const { channels, media, disk } = services;
  const webhookApp = buildWebhookApp({
    log,
    handlers: webhookHandlersOf(channels.all.values()),
    calendarFeed: calendarFeedFile({ db, settings: services.settings }, services.agenda),
    limits: { maxConnections: config.webhookMaxConnections },
  });
  const certificate = config.tls ? await lanCertificate(config.dataDir, config.host) : null;
  // "Iniciar un túnel rápido": its port is known once the webhook listener listens (below).
  let webhookPort = config.webhookPort;
  const quickTunnel = new QuickTunnel({ port: () => webhookPort, env });
  stack.push(() => quickTunnel.stop());
  const modelEval = createModelEval({ settings: services.settings, secrets: services.secrets, log });
  stack.push(() => modelEval.stop());
  const apiApp = await buildApiApp({
    db,
    log,
    events: services.events,
    settings: services.settings,
    secrets: services.secrets,
    channels: channels.all,
    simulator: channels.simulator,
    whatsapp: channels.whatsapp,
    ycloud: channels.ycloud,
    chatwoot: channels.chatwoot,
    quickTunnel,
    evolution: channels.evolution,
    jobs: services.jobs,
    notifications: services.notifications,
    waitlist: services.waitlist.waitlist,
    modelEval,
    staff,
    knowledge: services.knowledge,
    agenda: services.agenda,
    metrics: services.metrics,
    dataDir: config.dataDir,
    backups: services.backups,
    restart,
    loadDemo: services.loadDemoClinic,
    demoSettingKeys,
    mediaLimitBytes: media.limitBytes,
    disk: () => disk.status(),
    version: appVersion(),
    token: config.token,
    lan: config.lan,
    tls: certificate ? { key: certificate.key, cert: certificate.cert } : null,
    tlsFingerprint: certificate?.fingerprint256 ?? null,
    allowedHosts: (env.RECEPTA_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    rendererDir: paths(config.dataDir).renderer,
  });
  // Only the tunnel needs the webhook listener, and it runs on this PC: loopback even in LAN mode.
  const webhookUrl = await listen(webhookApp, config.lan ? '127.0.0.1' : config.host, config.webhookPort, stack);
  webhookPort = Number(new URL(webhookUrl).port);
  const apiUrl = await listen(apiApp, config.host, config.apiPort, stack, certificate ? 'https' : 'http');
  const sharedUrl = config.lan ? urlFor(apiUrl, addressForOthers(config.host)) : apiUrl;
  const openUrl = `${sharedUrl}/?token=${encodeURIComponent(config.token)}`;
  const readyLine = `Recepta ready: ${openUrl} (webhooks on ${webhookUrl.replace('http://', '')})${readyLineTls(certificate)}`;
  log.info(
    { module: 'core', api: sharedUrl, webhooks: webhookUrl, tls: certificate?.fingerprint256 ?? 'off' },
    'Recepta ready',
  );
  if (config.lan && !certificate) {
    log.warn(
      { module: 'core' },
      'LAN mode without TLS: the session token crosses the network in clear text unless a reverse proxy in front does TLS',
    );
  }
  return { apiUrl, webhookUrl, openUrl, tlsFingerprint: certificate?.fingerprint256 ?? null, readyLine };
}

function readyLineTls(certificate: LanCertificate | null): string {
  return certificate ? ` TLS certificate SHA-256 ${certificate.fingerprint256}` : '';
}

/** The same URL at another host (the LAN address in place of a wildcard bind). */
function urlFor(url: string, host: string): string {
  const u = new URL(url);
  u.hostname = host.includes(':') ? `[${host}]` : host;
  return u.origin;
}

async function listen(
  app: FastifyInstance,
  host: string,
  port: number,
  stack: StopStack,
  scheme: 'http' | 'https' = 'http',
): Promise<string> {
  await app.listen({ host, port });
  stack.push(() => app.close());
  const address = app.server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${shownHost}:${realPort}`;
}
