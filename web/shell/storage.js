// Keeps sessions in IndexedDB so that a reload, a crashed tab or a link opened in another tab loses
// nothing: several sessions per browser, each under its own id — its link state, the weights with optimizer
// state and the loss history, and its own text (stored once per distinct text, shared by the sessions that
// train on it). A list of small summaries (session-list.js) names them all and is updated in the same
// transaction as the session, so tabs saving at once never lose each other's entries; it holds at most
// MAX_SESSIONS, the oldest untrained ones dropped first. The 'mode' entry remembers which family was used
// last. Sessions saved before there were several (one per family, under the family's slot: 'current' for the
// char LM, 'seq2seq') are moved under ids when the store opens; records of version 1 (the first page's) are
// still read, and the session keeper renames their keys (legacy.js).
import { MAX_SESSIONS, newSessionId, overBound, summaryOf } from './session-list.js';

const DB_NAME = 'recurrent-playground';
const DB_VERSION = 1;
const SESSION = 'session';   // 'index' (the summaries), 'run:<id>' (a session), 'mode'
const TEXTS = 'texts';       // 'text:<textKey>' -> {key, text}
const INDEX = 'index';
const MODE = 'mode';
const RUN = 'run:';
const TEXT = 'text:';
export const RECORD_VERSION = 2;
const READABLE = new Set([1, RECORD_VERSION]);

function promisify(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// Settles when the transaction commits or aborts (handled even when a request failed first, and awaited
// after it).
function done(tx) {
  const p = new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error || new Error('transaction aborted'));
  });
  p.catch(() => {});
  return p;
}

// Deletes the texts of `dropped` sessions that no `kept` session trains on.
function forgetTexts(texts, dropped, kept) {
  const used = new Set(kept.map((e) => e.textKey));
  for (const e of dropped) if (e.textKey && !used.has(e.textKey)) texts.delete(TEXT + e.textKey);
}

export class SessionStore {
  constructor() {
    this.db = null;
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
    } catch {
      this.db = null;
      return false;
    }
    await this.migrate().catch((e) => console.warn('could not move the sessions saved by an older page', e));
    return true;
  }

  // Moves a session an older page saved under a family's slot to an id of its own, with its text.
  async migrate() {
    const tx = this.db.transaction([SESSION, TEXTS], 'readwrite');
    const finished = done(tx);
    const sessions = tx.objectStore(SESSION);
    const texts = tx.objectStore(TEXTS);
    const keys = await promisify(sessions.getAllKeys());
    const slots = keys.filter((k) => typeof k === 'string' && k !== INDEX && k !== MODE && !k.startsWith(RUN));
    if (slots.length) {
      const index = (await promisify(sessions.get(INDEX))) || [];
      for (const slot of slots) {
        const record = await promisify(sessions.get(slot));
        const text = await promisify(texts.get(slot));
        sessions.delete(slot);
        texts.delete(slot);
        if (!record || !READABLE.has(record.version) || !record.checkpoint) continue;
        if (record.textKey && (!text || text.key !== record.textKey)) continue;
        const id = newSessionId(record.savedAt);
        if (record.textKey) texts.put({ key: record.textKey, text: text.text }, TEXT + record.textKey);
        sessions.put({ ...record, id }, RUN + id);
        index.push(summaryOf(id, record));
      }
      const dropped = overBound(index, null);
      for (const e of dropped) sessions.delete(RUN + e.id);
      sessions.put(index.filter((e) => !dropped.includes(e)), INDEX);
    }
    await finished;
  }

  // The summaries of the saved sessions, newest first.
  async list() {
    if (!this.db) return [];
    const tx = this.db.transaction([SESSION], 'readonly');
    const index = (await promisify(tx.objectStore(SESSION).get(INDEX))) || [];
    return index.sort((a, b) => b.savedAt - a.savedAt);
  }

  // A saved session with its text, or null.
  async load(id) {
    if (!this.db || !id) return null;
    const tx = this.db.transaction([SESSION, TEXTS], 'readonly');
    const record = await promisify(tx.objectStore(SESSION).get(RUN + id));
    if (!record || !READABLE.has(record.version)) return null;
    if (record.textKey) {
      const t = await promisify(tx.objectStore(TEXTS).get(TEXT + record.textKey));
      if (!t || t.key !== record.textKey) return null;
      record.text = t.text;
    }
    return { ...record, id };
  }

  // A stored text by its key, or null.
  async text(key) {
    if (!this.db || !key) return null;
    const t = await promisify(this.db.transaction([TEXTS], 'readonly').objectStore(TEXTS).get(TEXT + key));
    return t && t.key === key ? t.text : null;
  }

  // Saves a session under its id (record: {kind, state, textKey?, text?, checkpoint, step, history, savedAt,
  // ...}); its text is written only when no session has it yet. Resolves to {dropped: the summaries of the
  // sessions the bound dropped to make room}, or to {behind: true} without saving when the session under
  // that id has gone further (another tab trained it on: a session's steps only grow). Rejects as IndexedDB
  // does (a full disk: QuotaExceededError).
  async save(id, record) {
    if (!this.db) return { dropped: [] };
    const { text, ...rest } = record;
    const tx = this.db.transaction([SESSION, TEXTS], 'readwrite');
    const finished = done(tx);
    const sessions = tx.objectStore(SESSION);
    const texts = tx.objectStore(TEXTS);
    const index = (await promisify(sessions.get(INDEX))) || [];
    const before = index.find((e) => e.id === id);
    if (before && before.step > record.step) {
      await finished;
      return { behind: true, dropped: [] };
    }
    if (text !== undefined && record.textKey && !(await promisify(texts.count(TEXT + record.textKey))))
      texts.put({ key: record.textKey, text }, TEXT + record.textKey);
    const saved = { ...rest, id, version: rest.version || RECORD_VERSION };
    sessions.put(saved, RUN + id);
    const list = [summaryOf(id, saved), ...index.filter((e) => e.id !== id)];
    const dropped = overBound(list, id);
    for (const e of dropped) sessions.delete(RUN + e.id);
    const kept = list.filter((e) => !dropped.includes(e));
    sessions.put(kept, INDEX);
    forgetTexts(texts, dropped, kept);
    await finished;
    return { dropped };
  }

  // Deletes a session; resolves to it (with its text, to put back with save) or null when it was gone.
  async remove(id) {
    if (!this.db) return null;
    const record = await this.load(id);
    const tx = this.db.transaction([SESSION, TEXTS], 'readwrite');
    const finished = done(tx);
    const sessions = tx.objectStore(SESSION);
    const index = (await promisify(sessions.get(INDEX))) || [];
    const dropped = index.filter((e) => e.id === id);
    const kept = index.filter((e) => e.id !== id);
    sessions.delete(RUN + id);
    sessions.put(kept, INDEX);
    forgetTexts(tx.objectStore(TEXTS), dropped, kept);
    await finished;
    return record;
  }

  // The id of the family used last, or null.
  async lastMode() {
    if (!this.db) return null;
    try {
      const tx = this.db.transaction([SESSION], 'readonly');
      const m = await promisify(tx.objectStore(SESSION).get(MODE));
      return typeof m === 'string' ? m : null;
    } catch {
      return null;
    }
  }

  async setLastMode(mode) {
    if (!this.db) return;
    const tx = this.db.transaction([SESSION], 'readwrite');
    tx.objectStore(SESSION).put(mode, MODE);
    await done(tx);
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
