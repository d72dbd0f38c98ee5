// Boots the page with the registered model families (families.js, with their PyTorch projects) and lessons
// (lessons.js). Nothing else: the shell (shell/boot.js) builds the page around them. Imported here rather
// than at the top so that a page served without the engine's build (web/engine/: the module and its
// catalogue) says so.
try {
  const [{ FAMILIES, PYTORCH_PROJECTS }, { LESSONS }, { boot }] = await Promise.all([import('./families.js'), import('./lessons.js'), import('./shell/boot.js')]);
  boot(FAMILIES, LESSONS, PYTORCH_PROJECTS);
} catch (e) {
  const notices = document.getElementById('notices');
  const note = document.createElement('div');
  note.className = 'notice notice-error';
  note.dataset.testid = 'notice';
  note.dataset.level = 'error';
  note.textContent = `The page could not start: ${e && e.message ? e.message : e}. If you serve it yourself, build the engine first (bash scripts/build_wasm.sh writes web/engine/).`;
  notices.append(note);
  console.error(e);
}
