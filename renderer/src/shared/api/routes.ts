// Every JSON route of the local API the renderer calls, each paired with its types, in ONE
// map. Paths are spelled as the core registers them (fastify's `:id`), and the types come
// from the core through the type-only bridge (./types.d.ts), so a field renamed on the
// server breaks this build, not the receptionist's screen. Callers name a route and get its
// types: `call('GET /api/knowledge/:id', { params: { id } })` answers a KnowledgeArticle.
// A better server type later (e.g. settings inferred from the settings schema) changes one
// line here and nothing at the call sites.
//
// Not here: binary routes (media files, CSV/iCal export: fetchBlob), the attachment upload
// (XMLHttpRequest, for its progress) and the push channel (events.ts).
import type {
  WaitlistEntry,
  WaitlistOffer,
  AgendaQuery,
  CallDone,
  CallList,
  CallListEntry,
  UndeliveredList,
  AgendaView,
  Appointment,
  AppointmentChange,
  AppointmentListQuery,
  Availability,
  AvailabilityQuery,
  Backup,
  BackupOverview,
  CalendarFeed,
  ChannelCheck,
  ChannelView,
  ClinicProfile,
  Closure,
  Conversation,
  ConversationUsage,
  CreateAppointment,
  CreateClosure,
  CreateWaitlistEntry,
  CreateKnowledgeArticle,
  CreatePatient,
  CreatePractitioner,
  CreateService,
  CreateTimeOff,
  DateHours,
  DateHoursQuery,
  Health,
  KnowledgeArticle,
  KnowledgeImport,
  KnowledgeImportResult,
  KnowledgeList,
  KnowledgeTestResult,
  Message,
  ModelEvalJob,
  Patient,
  PatientDetail,
  Practitioner,
  PutDateHours,
  QuickTunnelView,
  Reachability,
  RestoreStarted,
  SecretStatus,
  Service,
  SettingsUpdate,
  SettingsView,
  SetupStatus,
  LocalModels,
  SimulatorMessage,
  StaffReplyPreview,
  TestConnection,
  TestConnectionResult,
  TimeOff,
  UndoAppointment,
  UpdateAppointment,
  UpdateKnowledgeArticle,
  UpdatePatient,
  UpdatePractitioner,
  UpdateService,
  UsageQuery,
  UsageReport,
  WhatsAppDetails,
  YCloudTemplates,
  ConfirmationReportResponse,
  CreateNotificationEndpoint,
  JobInfo,
  JobRun,
  NotificationAttempt,
  NotificationDeliveriesQuery,
  NotificationDelivery,
  NotificationEndpoint,
  UpdateNotificationEndpoint,
} from './types';

/** What one route takes and answers. A key left out: the route has none (`res` absent = 204). */
export interface RouteTypes {
  res?: unknown;
  body?: unknown;
  query?: object;
}

/** A route's entry in the map: only types; the value is an empty object. */
const route = <R extends RouteTypes = Empty>() => ({}) as R;

/** No fields (`{}` as a type, spelled so that it reads as meant). */
type Empty = Record<never, never>;

/** A POST the core wants as JSON but that carries nothing. */
type NoFields = Record<string, never>;

/** GET /api/conversations's querystring (main/http/routes/conversations.ts). */
export interface ConversationListQuery {
  channel?: string;
  needsHuman?: boolean;
  q?: string;
  limit?: number;
  afterTime?: string;
  afterId?: number;
}

export const routes = {
  // Health, settings and secrets
  'GET /api/health': route<{ res: Health }>(),
  'GET /api/settings': route<{ res: SettingsView }>(),
  'PATCH /api/settings': route<{ body: SettingsUpdate; res: SettingsView }>(),
  'GET /api/secrets': route<{ res: SecretStatus[] }>(),
  'PUT /api/secrets/:name': route<{ body: { value: string }; res: SecretStatus }>(),
  'DELETE /api/secrets/:name': route<{ res: SecretStatus }>(),

  // Notifications (Ajustes › Integraciones) and the background jobs
  'GET /api/notifications/endpoints': route<{ res: NotificationEndpoint[] }>(),
  'POST /api/notifications/endpoints': route<{ body: CreateNotificationEndpoint; res: NotificationEndpoint }>(),
  'PATCH /api/notifications/endpoints/:id': route<{ body: UpdateNotificationEndpoint; res: NotificationEndpoint }>(),
  'DELETE /api/notifications/endpoints/:id': route(),
  'POST /api/notifications/endpoints/:id/test': route<{ body: NoFields; res: NotificationDelivery }>(),
  'GET /api/notifications/deliveries': route<{ query: NotificationDeliveriesQuery; res: NotificationDelivery[] }>(),
  'GET /api/notifications/deliveries/:id/attempts': route<{ res: NotificationAttempt[] }>(),
  'GET /api/jobs': route<{ res: JobInfo[] }>(),
  'POST /api/jobs/:name/run': route<{ body: NoFields; res: JobRun }>(),

  // The first-run setup
  'GET /api/setup': route<{ res: SetupStatus }>(),
  'POST /api/setup/demo': route<{ body: NoFields; res: { appointments: number } }>(),
  'POST /api/setup/start-fresh': route<{ body: NoFields; res: { restarting: true } }>(),
  'GET /api/setup/local-models': route<{ res: LocalModels }>(),

  // The inbox
  'GET /api/conversations': route<{ query: ConversationListQuery; res: Conversation[] }>(),
  'GET /api/conversations/waiting': route<{ res: Conversation[] }>(),
  'GET /api/conversations/:id': route<{ res: Conversation }>(),
  'GET /api/conversations/:id/messages': route<{ query: { before?: number; limit?: number }; res: Message[] }>(),
  'POST /api/conversations/:id/messages': route<{
    body: { text: string; confirmsAppointmentId?: number };
    res: { messageId: number; template: string | null };
  }>(),
  'GET /api/conversations/:id/outgoing-preview': route<{
    query: { confirmsAppointmentId?: number };
    res: StaffReplyPreview;
  }>(),
  'POST /api/conversations/:id/takeover': route<{
    body: { enabled: boolean; hours?: number | null; pending?: 'answer' | 'answered' };
    res: Conversation;
  }>(),
  'POST /api/conversations/:id/read': route<{ res: Conversation }>(),
  'GET /api/messages/:id': route<{ res: Message }>(),
  'POST /api/messages/:id/retry': route<{ res: unknown }>(),
  // "Para llamar" and "Mensajes no entregados" (issue 17)
  'GET /api/call-list': route<{ res: CallList }>(),
  'POST /api/call-list/:id/done': route<{ body: CallDone; res: CallListEntry }>(),
  'POST /api/call-list/:id/reopen': route<{ body: NoFields; res: CallListEntry }>(),
  'GET /api/messages/undelivered': route<{ res: UndeliveredList }>(),
  'POST /api/simulator/messages': route<{
    body: SimulatorMessage;
    res: { conversationId: number; duplicate: boolean };
  }>(),

  // The clinic: profile, closures, practitioners and their time off, services
  'GET /api/clinic': route<{ res: ClinicProfile }>(),
  'PUT /api/clinic': route<{ body: ClinicProfile; res: ClinicProfile }>(),
  'GET /api/closures': route<{ res: Closure[] }>(),
  'POST /api/closures': route<{ body: CreateClosure; res: Closure }>(),
  'DELETE /api/closures/:id': route(),
  // The waitlist (issue 17): who waits for a freed slot, and what was offered.
  'GET /api/waitlist': route<{ query: { patientId?: number; scope?: 'waiting' | 'all' }; res: WaitlistEntry[] }>(),
  'POST /api/waitlist': route<{ body: CreateWaitlistEntry; res: WaitlistEntry }>(),
  'DELETE /api/waitlist/:id': route<{ res: WaitlistEntry }>(),
  'GET /api/waitlist/offers': route<{
    query: { patientId?: number; entryId?: number; limit?: number };
    res: WaitlistOffer[];
  }>(),
  'GET /api/practitioners': route<{ res: Practitioner[] }>(),
  'POST /api/practitioners': route<{ body: CreatePractitioner; res: Practitioner }>(),
  'PATCH /api/practitioners/:id': route<{ body: UpdatePractitioner; res: Practitioner }>(),
  'GET /api/practitioners/:id/time-off': route<{ res: TimeOff[] }>(),
  'POST /api/practitioners/:id/time-off': route<{ body: CreateTimeOff; res: TimeOff }>(),
  'DELETE /api/time-off/:id': route(),
  // Hours for single dates: the clinic's and a practitioner's (replace the weekday's on that date)
  'GET /api/date-hours': route<{ query: DateHoursQuery; res: DateHours[] }>(),
  'PUT /api/date-hours/:date': route<{ body: PutDateHours; res: DateHours }>(),
  'DELETE /api/date-hours/:date': route(),
  'GET /api/practitioners/:id/date-hours': route<{ query: DateHoursQuery; res: DateHours[] }>(),
  'PUT /api/practitioners/:id/date-hours/:date': route<{ body: PutDateHours; res: DateHours }>(),
  'DELETE /api/practitioners/:id/date-hours/:date': route(),
  'GET /api/services': route<{ res: Service[] }>(),
  'POST /api/services': route<{ body: CreateService; res: Service }>(),
  'PATCH /api/services/:id': route<{ body: UpdateService; res: Service }>(),

  // The agenda
  'GET /api/agenda': route<{ query: AgendaQuery; res: AgendaView }>(),
  'GET /api/availability': route<{ query: AvailabilityQuery; res: Availability }>(),
  'GET /api/appointments': route<{ query: AppointmentListQuery; res: Appointment[] }>(),
  'POST /api/appointments': route<{ body: CreateAppointment; res: Appointment }>(),
  'PATCH /api/appointments/:id': route<{ body: UpdateAppointment; res: Appointment }>(),
  'POST /api/appointments/:id/undo': route<{ body: UndoAppointment; res: Appointment }>(),
  'POST /api/appointments/:id/arrived': route<{ res: Appointment }>(),
  'DELETE /api/appointments/:id/arrived': route<{ res: Appointment }>(),
  'GET /api/appointments/:id/history': route<{ res: AppointmentChange[] }>(),
  'GET /api/calendar-feed': route<{ res: CalendarFeed }>(),
  'POST /api/calendar-feed/rotate': route<{ res: CalendarFeed }>(),

  // Patients
  'GET /api/patients': route<{ query: { q?: string; limit?: number; before?: number }; res: Patient[] }>(),
  'GET /api/patients/:id': route<{ res: PatientDetail }>(),
  'POST /api/patients': route<{ body: CreatePatient; res: Patient }>(),
  'PATCH /api/patients/:id': route<{ body: UpdatePatient; res: Patient }>(),
  'POST /api/patients/:id/merge': route<{ body: { duplicateId: number }; res: PatientDetail }>(),

  // The knowledge base
  'GET /api/knowledge': route<{ query: { q?: string }; res: KnowledgeList }>(),
  'GET /api/knowledge/:id': route<{ res: KnowledgeArticle }>(),
  'POST /api/knowledge': route<{ body: CreateKnowledgeArticle; res: KnowledgeArticle }>(),
  'PATCH /api/knowledge/:id': route<{ body: UpdateKnowledgeArticle; res: KnowledgeArticle }>(),
  'DELETE /api/knowledge/:id': route(),
  'POST /api/knowledge/import': route<{ body: KnowledgeImport; res: KnowledgeImportResult }>(),
  'POST /api/knowledge/test-question': route<{ body: { question: string }; res: KnowledgeTestResult }>(),

  // Channels
  'GET /api/channels': route<{ res: ChannelView[] }>(),
  'PUT /api/channels/:provider': route<{ body: Record<string, unknown>; res: ChannelView }>(),
  'POST /api/channels/whatsapp/link': route<{
    body: { method: 'qr' | 'phone'; phone?: string };
    res: WhatsAppDetails;
  }>(),
  'POST /api/channels/whatsapp/unlink': route<{ res: WhatsAppDetails }>(),
  'POST /api/channels/ycloud/check': route<{ body: NoFields; res: ChannelCheck }>(),
  'POST /api/channels/ycloud/webhook-token': route<{ body: NoFields; res: ChannelView }>(),
  'GET /api/channels/ycloud/templates': route<{ res: YCloudTemplates }>(),
  'POST /api/channels/chatwoot/check': route<{ body: NoFields; res: ChannelCheck }>(),
  'POST /api/channels/chatwoot/webhook-token': route<{ body: NoFields; res: { webhookUrl: string | null } }>(),
  'POST /api/network/check': route<{ body: NoFields; res: Reachability }>(),
  'GET /api/network/quick-tunnel': route<{ res: QuickTunnelView }>(),
  'POST /api/network/quick-tunnel': route<{ body: NoFields; res: QuickTunnelView }>(),
  'POST /api/network/quick-tunnel/stop': route<{ body: NoFields; res: QuickTunnelView }>(),
  'POST /api/channels/evolution/check': route<{ body: NoFields; res: ChannelCheck }>(),
  'POST /api/channels/evolution/webhook-token': route<{ body: NoFields; res: ChannelView }>(),

  // The assistant and what it used
  'POST /api/assistant/test-connection': route<{ body: TestConnection; res: TestConnectionResult }>(),
  'POST /api/assistant/eval': route<{ body: NoFields; res: ModelEvalJob }>(),
  'GET /api/assistant/eval': route<{ res: ModelEvalJob }>(),
  'GET /api/usage': route<{ query: UsageQuery; res: UsageReport }>(),
  'GET /api/conversations/:id/usage': route<{ res: ConversationUsage }>(),

  // Backups
  'GET /api/backups': route<{ res: BackupOverview }>(),
  'POST /api/backups': route<{ body: NoFields; res: Backup }>(),
  'PUT /api/backups/folder': route<{ body: { folder: string }; res: BackupOverview }>(),
  'POST /api/backups/recovery-code': route<{ body: NoFields; res: { code: string } }>(),
  'POST /api/backups/:id/restore': route<{ body: NoFields; res: RestoreStarted }>(),
  'POST /api/backups/restore-file': route<{ body: { path: string; recoveryCode: string }; res: RestoreStarted }>(),

  // Reminders (issue 17)
  'GET /api/reminders/report': route<{ query: { date?: string }; res: ConfirmationReportResponse }>(),
  'POST /api/reminders/preview': route<{ body: { text: string; language: 'es' | 'en' }; res: { text: string } }>(),
} satisfies Record<`${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`, RouteTypes>;

export type Routes = typeof routes;
export type RouteKey = keyof Routes;

/** The `:name` segments of a path. */
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

type ParamsOption<K extends RouteKey> = [ParamNames<K>] extends [never]
  ? Empty
  : { params: Record<ParamNames<K>, string | number> };
type BodyOption<R> = R extends { body: infer B } ? { body: B } : Empty;
type QueryOption<R> = R extends { query: infer Q } ? (Empty extends Q ? { query?: Q } : { query: Q }) : Empty;

/** What a call to route K is given: its path parameters, body and query, each only when it has one. */
export type RouteOptions<K extends RouteKey> = ParamsOption<K> & BodyOption<Routes[K]> & QueryOption<Routes[K]>;
/** The options argument, optional when nothing in it is required. */
export type RouteArgs<K extends RouteKey> =
  Empty extends RouteOptions<K> ? [options?: RouteOptions<K>] : [options: RouteOptions<K>];
/** What route K answers (void for a 204). */
export type RouteResponse<K extends RouteKey> = Routes[K] extends { res: infer T } ? T : void;
/** Route K's body type, for callers that build one. */
export type RouteBody<K extends RouteKey> = Routes[K] extends { body: infer B } ? B : never;
