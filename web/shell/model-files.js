// A controller's model files: downloading the model the engine has as .safetensors (with the metadata the
// family adds: fileMetadata) or as a PyTorch project (pytorch-project.js), and opening one (from this page
// or PyTorch) in its family, on the data the family chooses from its metadata (fileData). A file that
// cannot be opened leaves the session as it was; one that opens replaces the model, which stays saved under
// its own id (session-keeper.js).
import { Cancelled } from './bridge.js';
import { fmtBytes, fmtInt } from './format.js';
import { downloadBlob } from './download.js';
import { modelSummary } from './model-summary.js';
import { EXPORT } from './protocol.js';
import { readMetadata, withMetadata } from './safetensors.js';
import { SummaryDialog } from '../ui/summary-dialog.js';

const MAX_MODEL_FILE = 512 * 1024 * 1024;

// What an opened file means for training, for the families whose info says resumedAt (the step the engine
// resumed at from the file's training state, 0 without one) and notice (why a training state did not fit).
export function openedTrainingLines(r) {
  if (r.info.resumedAt > 0) return [`Its optimizer state and data position came along: training resumes exactly at step ${fmtInt(r.step)}.`];
  return [
    r.step > 0 ? `Trained for ${fmtInt(r.step)} steps; training continues from there with a fresh optimizer.` : 'Training starts from these weights with a fresh optimizer.',
    ...(r.info.notice ? [r.info.notice] : []),
  ];
}

export class ModelFiles {
  constructor(controller) {
    this.c = controller;
  }

  // The model summary: every tensor of the model's own file, shown in a dialog (ui/summary-dialog.js).
  async summary() {
    const c = this.c;
    if (!c.ready) return;
    try {
      const r = await c.bridge.request(EXPORT, c.exportArgs({ save: false, withState: false })).promise;
      const s = modelSummary(r.bytes);
      if (!s) throw new Error('the engine\'s file could not be read');
      SummaryDialog.get().show(s, `${c.family.label}: ${c.downloadName(r, false).replace(/\.safetensors$/, '')}`);
    } catch (e) {
      if (!(e instanceof Cancelled)) c.notices.error('Could not summarise the model', [e.message]);
    }
  }

  // The model file as a download writes it: {r (the engine's export), name, bytes}.
  async exported(withState) {
    const c = this.c;
    const r = await c.bridge.request(EXPORT, c.exportArgs({ save: false, withState })).promise;
    const meta = c.fileMetadata();
    return { r, name: c.downloadName(r, withState), bytes: Object.keys(meta).length ? withMetadata(r.bytes, meta) : r.bytes };
  }

  async download(withState) {
    const c = this.c;
    if (!c.ready) return;
    try {
      const { name, bytes } = await this.exported(withState);
      downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), name);
      c.notices.info('Model downloaded', [`${name} (${fmtBytes(bytes.length)}): ${c.downloadNote(withState)}`], { key: 'download', timeout: 8000 });
    } catch (e) {
      if (!(e instanceof Cancelled)) c.notices.error('Could not export the model', [e.message]);
    }
  }

  // The PyTorch project: the model with its training state (when the family saves it), the family's module,
  // script and data, and a README with the commands, as one .zip. Its code and the package's files load
  // now, not with the page.
  async downloadProject() {
    const c = this.c;
    if (!c.ready || !c.project) return;
    try {
      const { loadPackage, pytorchProject } = await import('./pytorch-project.js');
      const [{ r, bytes }, pkg] = await Promise.all([this.exported(true), loadPackage()]);
      const resumable = (readMetadata(bytes) || {}).optim_step !== undefined;
      const model = { name: c.downloadName(r, resumable), bytes, resumable };
      const title = c.family.sessionName(c.linkState());
      const zip = pytorchProject({ pkg, row: c.project, familyId: c.family.id, model, data: c.projectData(), step: r.step, title });
      downloadBlob(new Blob([zip.bytes], { type: 'application/zip' }), zip.name);
      c.notices.info('PyTorch project downloaded', [`${zip.name} (${fmtBytes(zip.bytes.length)}): the model${resumable ? ' with its training state' : ''}, its PyTorch module and training script, its data and a README.md with the commands (one process, torchrun, and back here).`], { key: 'download', timeout: 10000 });
    } catch (e) {
      if (!(e instanceof Cancelled)) c.notices.error('Could not make the PyTorch project', [e.message]);
    }
  }

  async open(file) {
    const c = this.c;
    if (!c.ready && !c.bridge.alive) return;
    if (file.size > MAX_MODEL_FILE) {
      c.notices.error(`Could not open ${file.name}`, [`It is ${fmtBytes(file.size)}; the page opens models up to ${fmtBytes(MAX_MODEL_FILE)}.`, 'Your current session is unchanged.'], { key: 'open' });
      return;
    }
    const wasRunning = c.running;
    c.pause();
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      c.notices.error(`Could not read ${file.name}`, [String(e.message || e)], { key: 'open' });
      return;
    }
    const pending = c.captureSettings();
    let state = c.linkState();
    let r, data;
    try {
      await c.session.leave();
      data = await c.fileData(readMetadata(bytes) || {}, state);
      state = data.state;
      r = await c.importModel(bytes, state, null);
    } catch (e) {
      c.restoreSettings(pending);
      if (e instanceof Cancelled) return;
      const hint = c.openFailedHint(e, state);
      c.notices.error(`Could not open ${file.name}`, [e.message, ...(hint ? [hint] : []), 'Your current session is unchanged.'], { key: 'open' });
      if (wasRunning) c.play();
      return;
    }
    c.state = state;
    c.table.adoptEngineConfig(c.state, r.info.config);
    c.openedFile(r);
    c.adopt(r, {});
    const lines = [...c.openedLines(r), ...data.lines, 'A share link carries these settings, not the opened weights.'];
    if (data.warn) c.notices.warn(`Opened ${file.name}`, lines, { key: 'open' });
    else c.notices.info(`Opened ${file.name}`, lines, { key: 'open' });
    c.session.saveSoon();
  }
}
