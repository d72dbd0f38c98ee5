// Keeps the current session in IndexedDB so a reload or a crashed tab loses nothing: the link state, the
// training text (stored only when it changes), the weights with optimizer state, and the loss history.
// Each family has its own slot (its descriptor's `slot`: 'current' is the char LM's, the key it always had;
// 'seq2seq' the seq2seq session's). The 'mode' entry remembers which family was used last. Records of
// version 1 (the first page's: its state keys and family ids) are still read; the session keeper renames
// their keys (legacy.js).
const DB_NAME = 'recurrent-playground';
const DB_VERSION = 1;
const SESSION = 'session';
const TEXTS = 'texts';
export const RECORD_VERSION = 2;
const READABLE = new Set([1, RECORD_VERSION]);

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
    this.savedTextKeys = new Map();  // slot -> key of the text last written for it
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

  // The saved session of a slot with its text, or null.
  async load(slot = 'current') {
    if (!this.db) return null;
    const tx = this.db.transaction([SESSION, TEXTS], 'readonly');
    const record = await promisify(tx.objectStore(SESSION).get(slot));
    if (!record || !READABLE.has(record.version)) return null;
    if (record.textKey) {
      const t = await promisify(tx.objectStore(TEXTS).get(slot));
      if (!t || t.key !== record.textKey) return null;
      record.text = t.text;
      this.savedTextKeys.set(slot, record.textKey);
    }
    return record;
  }

  // record: {state, textKey?, text?, checkpoint, step, losses, lossBase, heldOut, savedAt, ...}
  // The text is written only when its key differs from the last one written.
  async save(record, slot = 'current') {
    if (!this.db) return;
    const { text, ...rest } = record;
    const writeText = text !== undefined && record.textKey !== this.savedTextKeys.get(slot);
    const stores = writeText ? [SESSION, TEXTS] : [SESSION];
    const tx = this.db.transaction(stores, 'readwrite');
    if (writeText) tx.objectStore(TEXTS).put({ key: record.textKey, text }, slot);
    tx.objectStore(SESSION).put({ ...rest, version: RECORD_VERSION }, slot);
    await done(tx);
    if (writeText) this.savedTextKeys.set(slot, record.textKey);
  }

  // The id of the family used last, or null.
  async lastMode() {
    if (!this.db) return null;
    try {
      const tx = this.db.transaction([SESSION], 'readonly');
      const m = await promisify(tx.objectStore(SESSION).get('mode'));
      return typeof m === 'string' ? m : null;
    } catch {
      return null;
    }
  }

  async setLastMode(mode) {
    if (!this.db) return;
    const tx = this.db.transaction([SESSION], 'readwrite');
    tx.objectStore(SESSION).put(mode, 'mode');
    await done(tx);
  }

  async clear(slot = 'current') {
    if (!this.db) return;
    const tx = this.db.transaction([SESSION, TEXTS], 'readwrite');
    tx.objectStore(SESSION).delete(slot);
    tx.objectStore(TEXTS).delete(slot);
    await done(tx);
    this.savedTextKeys.delete(slot);
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
