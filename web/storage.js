// Keeps the current session in IndexedDB so a reload or a crashed tab loses nothing: the link state, the
// training text (stored only when it changes), the weights with optimizer state, and the loss history.
const DB_NAME = 'recurrent-playground';
const DB_VERSION = 1;
const SESSION = 'session';
const TEXTS = 'texts';
export const RECORD_VERSION = 1;

function promisify(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error || new Error('transaction aborted'));
  });
}

export class SessionStore {
  constructor() {
    this.db = null;
    this.savedTextKey = null;
  }

  // Resolves to true when storage works; false (never throws) when the browser refuses it.
  async open() {
    if (typeof indexedDB === 'undefined') return false;
    try {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(SESSION)) db.createObjectStore(SESSION);
        if (!db.objectStoreNames.contains(TEXTS)) db.createObjectStore(TEXTS);
      };
      this.db = await promisify(req);
      return true;
    } catch {
      this.db = null;
      return false;
    }
  }

  // The saved session with its text, or null.
  async load() {
    if (!this.db) return null;
    const tx = this.db.transaction([SESSION, TEXTS], 'readonly');
    const record = await promisify(tx.objectStore(SESSION).get('current'));
    if (!record || record.version !== RECORD_VERSION) return null;
    if (record.textKey) {
      const t = await promisify(tx.objectStore(TEXTS).get('current'));
      if (!t || t.key !== record.textKey) return null;
      record.text = t.text;
      this.savedTextKey = record.textKey;
    }
    return record;
  }

  // record: {state, textKey?, text?, checkpoint, step, losses, lossBase, heldOut, savedAt, ...}
  // The text is written only when its key differs from the last one written.
  async save(record) {
    if (!this.db) return;
    const { text, ...rest } = record;
    const stores = text !== undefined && record.textKey !== this.savedTextKey ? [SESSION, TEXTS] : [SESSION];
    const tx = this.db.transaction(stores, 'readwrite');
    if (stores.length === 2) tx.objectStore(TEXTS).put({ key: record.textKey, text }, 'current');
    tx.objectStore(SESSION).put({ ...rest, version: RECORD_VERSION }, 'current');
    await done(tx);
    if (stores.length === 2) this.savedTextKey = record.textKey;
  }

  async clear() {
    if (!this.db) return;
    const tx = this.db.transaction([SESSION, TEXTS], 'readwrite');
    tx.objectStore(SESSION).delete('current');
    tx.objectStore(TEXTS).delete('current');
    await done(tx);
    this.savedTextKey = null;
  }
}

// A short identity for a text (length + FNV-1a over its UTF-16 code units), to notice when it changed.
export function textKey(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}
