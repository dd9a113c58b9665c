// The one bridge between the renderer and the core: API *types* only, erased at build.
// Nothing else in renderer/ imports from main/ or db/.
export type {
  Conversation,
  Health,
  Message,
  PushEvent,
  SecretStatus,
  SettingsView,
  SimulatorMessage,
} from '../../../main/http/api-types';

import type { Message } from '../../../main/http/api-types';
/** The file a message carries (GET /api/media/{id}, and /thumbnail for images). */
export type MessageMedia = NonNullable<Message['media']>;
