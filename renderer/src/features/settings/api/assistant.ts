// "Probar conexión" (POST /api/assistant/test-connection), typed by the route map (shared/api/routes.ts).
import { call } from '../../../shared/api/client';
import type { TestConnection } from '../../../shared/api/types';

export const testConnection = (body: TestConnection) => call('POST /api/assistant/test-connection', { body });
