// The page's IndexedDB as the browser tests read and rewrite it (web/shell/storage.js): the list of saved
// sessions, waiting for a save, and a session written as the pages before multiple sessions did (one per
// family slot; record version 1 for the first page), to check that they are still restored.
import assert from 'node:assert/strict';

import { LONG } from './harness.mjs';

// The summaries of the saved sessions ({id, kind, step, savedAt, ...}), newest first ([] when none).
export function storedSessions(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('recurrent-playground');
    req.onerror = () => resolve([]);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('session')) {
        db.close();
        return resolve([]);
      }
      const get = db.transaction('session', 'readonly').objectStore('session').get('index');
      get.onsuccess = () => {
        db.close();
        resolve((get.result || []).map(({ state, ...rest }) => rest).sort((a, b) => b.savedAt - a.savedAt));
      };
      get.onerror = () => {
        db.close();
        resolve([]);
      };
    };
  }));
}

// Waits until the newest saved session is at `step`; returns the list then.
export async function waitForSave(page, step) {
  const deadline = Date.now() + LONG;
  for (;;) {
    const list = await storedSessions(page);
    if (list.length && list[0].step === step) return list;
    assert.ok(Date.now() < deadline, `the session was not saved at step ${step} (saved: ${JSON.stringify(list.map((e) => e.step))})`);
    await page.waitForTimeout(250);  // polling IndexedDB, which cannot be watched
  }
}

// Replaces everything stored with the newest session, written as an older page kept it: under the family's
// slot (`slot`: 'current' for the char LM), its text under the same slot; `rewrite(record)` changes the
// record (e.g. to the first page's version 1). Run it on a page of the same origin that is not the
// playground, so nothing saves over it. Resolves to the record written.
export function writeOldLayout(page, slot, rewrite = (r) => r, mode = null) {
  return page.evaluate(({ slot, rewriteSource, mode }) => new Promise((resolve, reject) => {
    const rewrite = new Function(`return (${rewriteSource})`)();
    const req = indexedDB.open('recurrent-playground');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['session', 'texts'], 'readwrite');
      const sessions = tx.objectStore('session');
      const texts = tx.objectStore('texts');
      let written = null;
      sessions.get('index').onsuccess = (e) => {
        const newest = (e.target.result || []).sort((a, b) => b.savedAt - a.savedAt)[0];
        sessions.get(`run:${newest.id}`).onsuccess = (ev) => {
          const { id, ...record } = ev.target.result;
          const after = (text) => {
            sessions.clear();
            texts.clear();
            written = rewrite(record);
            sessions.put(written, slot);
            if (text) texts.put(text, slot);
            if (mode) sessions.put(mode, 'mode');
          };
          if (record.textKey) texts.get(`text:${record.textKey}`).onsuccess = (t) => after(t.target.result);
          else after(null);
        };
      };
      tx.oncomplete = () => {
        db.close();
        resolve(written);
      };
      tx.onerror = () => reject(tx.error);
    };
  }), { slot, rewriteSource: rewrite.toString(), mode });
}
