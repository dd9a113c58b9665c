// "Probar conexión" (POST /api/assistant/test-connection), typed by main/http/assistant-types.ts.
import { request } from '../../../shared/api/client';
import type { TestConnection, TestConnectionResult } from '../../../shared/api/types';

export const testConnection = (body: TestConnection) => request<TestConnectionResult>('POST', '/api/assistant/test-connection', body);
