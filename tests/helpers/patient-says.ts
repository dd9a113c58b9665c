import { getConversation } from '../../db/repos/conversations.js';
import { listMessages, type MessageRow } from '../../db/repos/messages.js';
import type { FakeOpenAI, RecordedRequest } from '../fakes/fake-openai.js';
import { waitFor, type TestCore } from './core.js';

export interface PatientMessage {
  from: string;
  text: string;
  /** The profile name the channel reports. */
  name?: string;
}

export interface SayOptions {
  /** The scripted model, to return the requests this message caused. */
  llm?: FakeOpenAI;
  /** Wait for the turn to finish after the first reply (default); false to look mid-turn. */
  settle?: boolean;
  /** Count a system note (the menu's handoff) as the answer too. */
  orSystem?: boolean;
}

export interface Said {
  conversationId: number;
  patientId: number;
  /** What answered this message: the replies newer than the patient's latest message. */
  replies: MessageRow[];
  /** The last of them. */
  reply: MessageRow;
  requests: RecordedRequest[];
}

/**
 * A patient writes through the simulator and the test waits for the answer: a reply newer
 * than the patient's latest message (an older reply never counts, so back-to-back messages
 * in one chat each wait for their own).
 */
export async function patientSays(core: TestCore, message: PatientMessage, options: SayOptions = {}): Promise<Said> {
  const before = options.llm?.chatRequests().length ?? 0;
  const { conversationId } = (
    await core.api<{ conversationId: number }>('POST', '/api/simulator/messages', {
      from: message.from,
      text: message.text,
      ...(message.name ? { name: message.name } : {}),
    })
  ).body;
  const answering = (m: MessageRow) => m.role === 'assistant' || (options.orSystem === true && m.role === 'system');
  const replies = () => {
    const thread = listMessages(core.db, conversationId);
    const asked = Math.max(...thread.filter((m) => m.role === 'patient').map((m) => m.id));
    return thread.filter((m) => m.id > asked && answering(m));
  };
  await waitFor(() => replies().length > 0);
  if (options.settle !== false) await core.turns.idle();
  const answer = replies();
  return {
    conversationId,
    patientId: getConversation(core.db, conversationId)!.patientId!,
    replies: answer,
    reply: answer.at(-1)!,
    requests: options.llm?.chatRequests().slice(before) ?? [],
  };
}
