// "Probar conexión" (POST /api/assistant/test-connection), typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type { TestConnection } from '../../../shared/api/types';

export const testConnection = (body: TestConnection) => call('POST /api/assistant/test-connection', { body });

/** "Evaluar mi modelo": start (or join) the short eval run, and follow it. */
export const startModelEval = () => call('POST /api/assistant/eval', { body: {} });
export const getModelEval = () => call('GET /api/assistant/eval');
