import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import type { AgendaServices } from '../../agenda/index.js';
import type { AgentSettingsStore } from '../settings.js';
import type { KnowledgeService } from '../../knowledge/service.js';

/**
 * What a tool may act on. `patientId` comes from the conversation the turn runs in —
 * never from the model's arguments — so every agenda tool acts for that patient only.
 */
export interface ToolContext {
  db: Db;
  settings: AgentSettingsStore;
  agenda: AgendaServices;
  knowledge: Pick<KnowledgeService, 'search'>;
  conversationId: number;
  patientId: number;
  /** The channel the chat is on: recorded as where contact consent was given. */
  channel: string;
  now: number;
  /** The assistant asked for a person; the turn pauses the chat once it ends. */
  handoff(reason: string): void;
}

/** A tool's answer, serialized for the model. `error` answers are the model's cue to try again or ask. */
export type ToolResult = Record<string, unknown>;

export interface Tool<A extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: A;
  run(args: z.infer<A>, ctx: ToolContext): ToolResult;
}

export const defineTool = <A extends z.ZodType>(tool: Tool<A>): Tool<A> => tool;
