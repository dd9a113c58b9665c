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
