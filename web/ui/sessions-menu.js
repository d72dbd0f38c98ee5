// The header's Sessions menu: the sessions saved in this browser (shell/session-list.js), newest first,
// each with its name, step and when it was saved; picking one restores it, × deletes it (a notice offers to
// undo).
// The session shown is checked; it and the other mode's model cannot be deleted (they would be saved again
// at once). Rebuilt from the store each time it opens. Text only.
import { fmtAgo, fmtInt } from '../shell/format.js';
import { Menu } from './menu.js';

export class SessionsMenu {
  // list(): resolves to {rows: [{id, family, name, step, savedAt}], current: the id shown, open: the ids of
  // the models the page has, families: how many families they are of, storeOk: the browser lets the page
  // save}; onOpen(id), onDelete(id)
  constructor({ list, onOpen, onDelete }) {
    this.list = list;
    this.onDelete = onDelete;
    this.menu = new Menu({
      label: 'Sessions', title: 'The sessions saved in this browser: restore or delete one', testid: 'sessions-menu',
      checkable: true, className: 'sessions-menu', onOpen: () => this.refresh(),
      onPick: (id) => { if (id !== 'none') onOpen(id); },
    });
    this.el = this.menu.el;
  }

  async refresh() {
    const { rows, current, open, families, storeOk } = await this.list();
    const now = Date.now();
    const items = rows.map((r) => ({
      id: r.id,
      label: r.name,
      note: `${families > 1 ? `${r.family.label} · ` : ''}step ${fmtInt(r.step)} · saved ${fmtAgo(now - r.savedAt)}`,
      title: `Saved ${new Date(r.savedAt).toLocaleString()}${r.id === current ? ' (shown now)' : open.includes(r.id) ? ' (open in the other mode)' : ''}`,
      testid: 'session-item',
      aside: open.includes(r.id) ? null : { label: '×', title: `Delete ${r.name} (step ${fmtInt(r.step)})`, testid: 'session-delete', onClick: (id) => this.remove(id) },
    }));
    if (!items.length) {
      const note = storeOk ? 'Sessions are saved here as you train.' : 'This browser does not let the page save sessions.';
      items.push({ id: 'none', label: 'No saved sessions yet', note, testid: 'sessions-empty', disabled: true });
    }
    this.menu.setItems(items);
    this.menu.setChecked(current);
    if (this.el.open) this.menu.fit();
  }

  async remove(id) {
    await this.onDelete(id);
    if (this.el.open) await this.refresh();
  }
}
