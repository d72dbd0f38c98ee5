// Keyboard shortcuts: Space play/pause, S or → single step, R reset. Ignored while typing in a field and
// when a modifier key is held.
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

function typing(el) {
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (!TYPING.has(el.tagName)) return false;
  return !(el.tagName === 'INPUT' && ['checkbox', 'radio', 'button', 'range', 'file'].includes(el.type));
}

export function installShortcuts({ togglePlay, step, reset }) {
  window.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
    const key = e.key;
    if (key === ' ' || key === 'Spacebar') {
      e.preventDefault();  // also stops a focused button from being clicked by the same key
      if (!e.repeat) togglePlay();
    } else if (key === 's' || key === 'S' || key === 'ArrowRight') {
      e.preventDefault();
      step();
    } else if ((key === 'r' || key === 'R') && !e.repeat) {
      e.preventDefault();
      reset();
    }
  });
  // A focused button activates on Space's keyup; the keydown above already handled it.
  window.addEventListener('keyup', (e) => {
    if ((e.key === ' ' || e.key === 'Spacebar') && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) e.preventDefault();
  });
}
