// The one IPC message the renderer may send: "who am I talking to?" — answered with the
// local API's address and the session token, and only to our own window.
import { ipcMain, type IpcMainEvent } from 'electron';
import { mayReceiveSession } from './policy.js';

/** Also spelled out in preload/index.cts (which cannot import from here). */
export const SESSION_CHANNEL = 'recepta:session';

export interface SessionInfo {
  apiBase: string;
  token: string;
}

/**
 * Registers the synchronous `recepta:session` handler. `windowContentsId` names the
 * web contents allowed to ask (null before the window exists). Anyone else gets null.
 * Returns the function that removes the handler.
 */
export function registerSessionHandler(session: SessionInfo, windowContentsId: () => number | null): () => void {
  const handler = (event: IpcMainEvent) => {
    const frame = event.senderFrame;
    const allowed = mayReceiveSession(
      { webContentsId: event.sender.id, isMainFrame: frame !== null && frame.parent === null },
      windowContentsId(),
    );
    // A synchronous message must always get an answer, or the renderer waits forever.
    event.returnValue = allowed ? { apiBase: session.apiBase, token: session.token } : null;
  };
  ipcMain.on(SESSION_CHANNEL, handler);
  return () => ipcMain.off(SESSION_CHANNEL, handler);
}
