// The bridge between the sandboxed window and the shell: the local API's address and
// the session token, read once, exposed read-only as `window.recepta`. Nothing else.
// CommonJS because sandboxed preloads cannot be ES modules.
import electron = require('electron');

const session: unknown = electron.ipcRenderer.sendSync('recepta:session');

if (session && typeof session === 'object') {
  const { apiBase, token } = session as { apiBase: unknown; token: unknown };
  if (typeof apiBase === 'string' && typeof token === 'string') {
    electron.contextBridge.exposeInMainWorld('recepta', Object.freeze({ apiBase, token }));
  }
}
