// The one bridge between the renderer and the core: API *types* only, erased at build.
// Nothing else in renderer/ imports from main/ or db/.
export type {
  Conversation,
  Health,
  Message,
  PushEvent,
  SecretStatus,
  SettingsUpdate,
  SettingsView,
  SimulatorMessage,
  StaffReplyPreview,
} from '../../../../main/http/api-types';

import type { Message } from '../../../../main/http/api-types';
/** The file a message carries (GET /api/media/{id}, and /thumbnail for images). */
export type MessageMedia = NonNullable<Message['media']>;

// The agenda and patients (issue 4).
export type {
  AgendaPushEvent,
  AgendaQuery,
  AgendaView,
  Appointment,
  AppointmentChange,
  AppointmentListQuery,
  AppointmentSource,
  AppointmentState,
  AppointmentStatus,
  Availability,
  AvailabilityQuery,
  CalendarFeed,
  ClinicProfile,
  Closure,
  CreateAppointment,
  CreateClosure,
  CreatePatient,
  CreatePractitioner,
  CreateService,
  CreateTimeOff,
  HoursInterval,
  Patient,
  PatientDetail,
  PatientIdentity,
  Practitioner,
  Service,
  Slot,
  TimeOff,
  UndoAppointment,
  UpdateAppointment,
  UpdatePatient,
  UpdatePractitioner,
  UpdateService,
  WeeklyHours,
} from '../../../../main/http/agenda-types';
export type { DateHours, DateHoursQuery, PutDateHours } from '../../../../main/http/date-hours-types';

// The knowledge base (issue 5).
export type {
  CreateKnowledgeArticle,
  KnowledgeArticle,
  KnowledgeImport,
  KnowledgeImportResult,
  KnowledgeList,
  KnowledgeListItem,
  KnowledgePushEvent,
  KnowledgeSnippet,
  KnowledgeTestResult,
  UpdateKnowledgeArticle,
} from '../../../../main/http/knowledge-types';

// Channels and WhatsApp linking (issue 6).
export type {
  ChannelCheck,
  ChannelView,
  TemplatePlaceholder,
  WhatsAppDetails,
  YCloudTemplates,
} from '../../../../main/http/channels-types';
export type { QuickTunnelView, Reachability } from '../../../../main/http/network-types';

// The assistant's settings (issue 5).
export type { TestConnection, TestConnectionResult } from '../../../../main/http/assistant-types';
export type { ModelEvalJob, ModelEvalSummary } from '../../../../main/http/assistant-eval-types';

// What the assistant used and cost (issue 5).
export type { ConversationUsage, UsageByModel, UsageQuery, UsageReport } from '../../../../main/http/usage-types';

// Backups (issue 12).
export type { Backup, BackupOverview, BackupPushEvent, RestoreStarted } from '../../../../main/http/backups-types';

// The first-run setup (issue 15).
export type { LocalModels, SetupStatus, SetupStepId } from '../../../../main/http/setup-types';

// Reminders (issue 17) and the background jobs they run as.
export type {
  ConfirmationReportResponse,
  ConfirmationStateValue,
  ReportVisitResponse,
} from '../../../../main/http/reminders-types';

// Every error code the API may answer with: the renderer's messages are checked against it.
// (errors.ts leans on @fastify/static's type augmentation of the reply; types only, erased.)
import type {} from '@fastify/static';
export type { CreateWaitlistEntry, WaitlistEntry, WaitlistOffer } from '../../../../main/http/waitlist-types';
export type { ErrorCode } from '../../../../main/http/errors';
export type { AgendaErrorCode } from '../../../../main/agenda/errors';

// "Para llamar" and "Mensajes no entregados" (issue 17).
export type {
  CallDone,
  CallList,
  CallListEntry,
  UndeliveredList,
  UndeliveredMessage,
} from '../../../../main/http/call-list-types';
// Notifications (Ajustes › Integraciones) and the background jobs (issue 17).
export type {
  CreateNotificationEndpoint,
  DeliveryStatus,
  NotificationAttempt,
  NotificationDeliveriesQuery,
  NotificationDelivery,
  NotificationEndpoint,
  NotificationEventName,
  NotificationKind,
  UpdateNotificationEndpoint,
} from '../../../../main/http/notifications-types';
export type { JobInfo, JobRun } from '../../../../main/http/jobs-types';
