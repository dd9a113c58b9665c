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
  /**
   * The newest patient message the turn read: a change proposed while answering it is confirmed
   * only by a later one. Read from the turn, not the database, so that a "no" arriving mid-turn
   * (which the model has not seen) never counts as the "sí". Unset: the newest in the database.
   */
  answering?: number;
  /** The patient's language: the labels and summaries they will read are in it (Spanish when unknown). */
  language?: 'es' | 'en';
  /** The assistant asked for a person; the turn pauses the chat once it ends. */
  handoff(reason: string): void;
}

/** A tool's answer, serialized for the model. `error` answers are the model's cue to try again or ask. */
export type ToolResult = Record<string, unknown>;

/**
 * A change the tool made to the agenda, carried as `done` in its result. The assistant holds
 * its reply to these (a reply may claim only what is here) and states each with `label`,
 * the canonical words for the patient ("jueves 10/12 15:00 con Dra. Pérez").
 */
export interface AgendaWrite {
  action: 'booked' | 'rescheduled' | 'cancelled' | 'confirmed';
  appointmentId: number;
  label: string;
}

/** The write a tool result reports, if any. */
export function writeOf(result: unknown): AgendaWrite | null {
  const done = (result as { done?: AgendaWrite } | null)?.done;
  return done && typeof done.action === 'string' && typeof done.label === 'string' ? done : null;
}

export interface Tool<A extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: A;
  run(args: z.infer<A>, ctx: ToolContext): ToolResult;
}

export const defineTool = <A extends z.ZodType>(tool: Tool<A>): Tool<A> => tool;
