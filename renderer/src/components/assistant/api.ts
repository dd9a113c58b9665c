// "Probar conexión" (POST /api/assistant/test-connection), typed by main/http/assistant-types.ts.
import { request } from '../../api/client';
import type { TestConnection, TestConnectionResult } from '../../api/types';

export const testConnection = (body: TestConnection) => request<TestConnectionResult>('POST', '/api/assistant/test-connection', body);
