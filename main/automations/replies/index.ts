// Reading patients' answers to automated messages (issue 17): the router the turn asks first,
// and the handlers of the kinds this folder owns. The waitlist's `waitlist_offer` handler
// plugs in through `ReplyRouter.register` (the pipeline exposes it as `pipeline.replies`).
import type { Db } from '../../../db/client.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { AutomationReplyHandler } from '../reply-handler.js';
import { noShowFollowUpHandler } from './no-show-handler.js';
import { reminderReplyHandler, type ReplySettings } from './reminder-handler.js';

export { ReplyRouter, REPLY_WINDOW_MS, type RouteInput } from './router.js';

/** The handlers this folder owns, built from the agenda they act through. */
export function automationReplyHandlers(deps: {
  db: Db;
  agenda: Pick<AgendaServices, 'booking'>;
  settings: ReplySettings;
}): AutomationReplyHandler[] {
  return [reminderReplyHandler(deps), noShowFollowUpHandler(deps)];
}
