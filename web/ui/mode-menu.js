// The header's menus of what to learn: the model family shown (one item per registered family, labelled as
// the catalogue names it; testids `mode-<id>`) and the lessons (one item per lesson of the registry,
// web/lessons.js; testids `lesson-<id>`).
import { h } from '../shell/dom.js';
import { Menu } from './menu.js';

export class ModeMenu {
  // families: [{id, label, summary, title}]; onMode(id)
  constructor({ families, onMode }) {
    this.families = families;
    this.menu = new Menu({
      label: '', title: 'The kind of model to train', testid: 'mode-menu', checkable: true, className: 'mode-menu',
      items: families.map((f) => ({ id: f.id, label: f.label, note: f.summary, title: f.title, testid: `mode-${f.id}` })),
      onPick: (id) => onMode(id),
    });
    this.el = this.menu.el;
  }

  set(mode) {
    this.mode = mode;
    const f = this.families.find((x) => x.id === mode);
    this.menu.setLabel([h('span', { class: 'menu-kicker' }, 'Model'), f ? f.label : mode]);
    this.menu.setChecked(mode);
  }

  setEnabled(on) {
    this.menu.setEnabled(on);
  }
}

export class LessonsMenu {
  // lessons: [{id, title, caption: [line, line], family}]; onLesson(lesson)
  constructor({ lessons, onLesson }) {
    this.menu = new Menu({
      label: 'Lessons', title: 'Guided experiments: each opens a model and says what to look for', testid: 'lessons-menu',
      items: lessons.map((l) => ({ id: l.id, label: l.title, note: l.caption[0], title: l.caption.join(' '), testid: `lesson-${l.id}` })),
      onPick: (id) => onLesson(lessons.find((l) => l.id === id)),
    });
    this.el = this.menu.el;
  }
}
