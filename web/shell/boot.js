// Builds the page around the registered families: the header (the mode, lessons and sessions menus, the
// actions), notices and training bar; for each family its page half (loaded on demand), its sidebar pane
// and view grid (filled by its mount()), its readouts and its controller; then the page (app.js), the
// keyboard shortcuts and the console handle. Families and lessons are found only through the registries
// given.
import { EngineBridge } from './bridge.js';
import { SessionStore } from './storage.js';
import { Notices } from './notices.js';
import { App, consoleHandle } from './app.js';
import { installShortcuts } from './shortcuts.js';
import { h } from './dom.js';
import { Toolbar } from '../ui/toolbar.js';
import { HeaderActions } from '../ui/header-actions.js';
import { LessonsMenu, ModeMenu } from '../ui/mode-menu.js';
import { SessionsMenu } from '../ui/sessions-menu.js';

const $ = (id) => document.getElementById(id);

// The containers a family's mount() fills: sidebar sections in its pane, view cards in its grid.
function familyPane(family, sidebar, layout) {
  const pane = h('div', { class: 'mode-pane', dataset: { modePane: family.id }, hidden: true });
  const grid = h('main', { class: 'views', 'aria-label': `${family.label} views`, dataset: { modePane: family.id }, hidden: true });
  sidebar.append(pane);
  layout.append(grid);
  return {
    grid,
    // A folding sidebar section; fold: it starts folded on a narrow screen; note: a line under the title.
    section(title, { fold = true, note = '' } = {}) {
      const body = h('div');
      pane.append(h('details', { open: true, dataset: fold ? { fold: '' } : undefined },
        h('summary', null, title), note ? h('p', { class: 'note' }, note) : null, body));
      return body;
    },
  };
}

// Links a family's stylesheet; resolves once it applies (or failed: the page still works unstyled).
function linkStyle(href) {
  return new Promise((resolve) => {
    document.head.append(h('link', { rel: 'stylesheet', href, onload: resolve, onerror: resolve }));
  });
}

// families: the registry (families.js); lessons: lessons.js's; projects: PYTORCH_PROJECTS (families.js).
export async function boot(families, lessons, projects = {}) {
  let app = null;
  const notices = new Notices($('notices'));
  const toolbar = new Toolbar({ onPlay: () => app.togglePlay(), onStep: () => app.stepOnce(), onReset: () => app.reset() });
  const header = new HeaderActions({
    onCopyLink: () => app.copyLink(),
    onDownload: (withState) => app.downloadModel(withState),
    onDownloadProject: () => app.downloadProject(),
    onOpenModel: (file) => app.openModel(file),
    onCopyCommand: () => app.copyCommand(),
    onDownloadExperiment: () => app.downloadExperiment(),
    onSummary: () => app.showSummary(),
  });
  const modeMenu = new ModeMenu({ families, onMode: (mode) => app.switchMode(mode) });
  const lessonsMenu = new LessonsMenu({ lessons, onLesson: (lesson) => app.openLesson(lesson) });
  const sessionsMenu = new SessionsMenu({ list: () => app.listSessions(), onOpen: (id) => app.openSession(id), onDelete: (id) => app.deleteSession(id) });
  $('menus').append(modeMenu.el, lessonsMenu.el, sessionsMenu.el);
  $('header-actions').append(header.el);
  $('toolbar').append(toolbar.el);

  const bridge = new EngineBridge();
  const store = new SessionStore();
  const pages = new Map();
  const controllers = new Map();
  const loaded = await Promise.all(families.map((f) => f.page()));
  await Promise.all(loaded.flatMap((page) => (page.styles || []).map(linkStyle)));
  families.forEach((family, i) => {
    const page = loaded[i];
    const controller = new page.Controller({ family, bridge, store, notices, toolbar, header, project: projects[family.id] || null });
    controller.attach(page.mount(familyPane(family, $('settings'), $('layout')), controller));
    toolbar.addFamily(family.id, page.toolbar);
    pages.set(family.id, page);
    controllers.set(family.id, controller);
  });
  // On a narrow screen the sidebar sections start folded, except each family's data.
  if (window.matchMedia('(max-width: 760px)').matches)
    for (const d of document.querySelectorAll('.sidebar details[data-fold]')) d.open = false;

  app = new App({ families, controllers, pages, store, notices, toolbar, header, modeMenu, tagline: $('tagline') });
  app.show(app.modeInHash(location.hash));
  // For the browser console and automated checks: read-only access to the page and its controllers.
  Object.defineProperty(window, 'recurrentPlayground', { value: consoleHandle(app) });
  installShortcuts({ togglePlay: () => app.togglePlay(), step: () => app.stepOnce(), reset: () => app.reset() });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') app.flush();
  });
  window.addEventListener('pagehide', () => app.flush());
  try {
    await app.boot();
  } catch (e) {
    console.error(e);
    notices.error('Something went wrong while starting', [String(e && e.message ? e.message : e)]);
  }
}
