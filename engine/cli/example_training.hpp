// The train verb's machinery shared by every family that learns from separate examples (seq2seq, the
// classifier; the tagger and the forecaster next): --save, --save-state, --resume, --steps, --eval-every,
// --save-every, --log, --quiet and Ctrl-C, in the same words. The family brings its data, its trainer, its
// report and its model writer; its resumable file is export_training(trainer, experiment_json, file) in its
// checkpoint header (engine/train/training_state.hpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/cli/files.hpp"
#include "engine/cli/metrics_log.hpp"
#include "engine/cli/progress.hpp"
#include "engine/cli/verb.hpp"
#include "engine/core/vocab.hpp"
#include "engine/io/safetensors.hpp"
#include "engine/train/training_state.hpp"

namespace rp::cli {

// The train verb's options in help order: the family's --pairs, then these. report: what --eval-every reports.
inline std::vector<Option> example_training_options(Option pairs, const std::string& report) {
  return {std::move(pairs),
          file_option("save", "model file", "write the model with its experiment (eval --task regenerates the split)"),
          file_option("save_state", "training-state file",
                      "write the model with its optimizer state and data position, for --resume"),
          file_option("resume", "training-state file",
                      "continue a --save-state run exactly; its model and experiment win over flags (--pairs: the same file)"),
          count_option("steps", "steps", 1000, 1, 100000000, "optimizer steps to take"),
          count_option("eval_every", "report period", 250, 0, 100000000, "steps between " + report + " reports (0 = none)"),
          save_every_option("--save and --save-state"),
          log_option(),
          switch_option("quiet", "quiet", "no progress bar or notes on stderr")};
}

// Before anything is read: a data source is named (or --resume), the outputs can be written, --log opens
// (appending when resuming).
template <class E> Status start_training(const Args<E>& a, MetricsLog& log) {
  const Values& o = a.options;
  if (!o.has("resume") && !a.given("task") && !o.has("pairs")) return Status::error("train needs --task NAME or --pairs FILE.tsv");
  if (o.has("save")) RP_TRY(check_output(o.text("save"), "--save"));
  if (o.has("save_state")) RP_TRY(check_output(o.text("save_state"), "--save-state"));
  return log.open(o.has("log") ? o.text("log") : "", o.has("resume"));
}

// --resume FILE: the file (which must hold a training state), its model (load: the family's importer,
// (file, model, vocab) -> Status, with any further outputs bound) and its experiment (parse), which replaces
// the flags' (saying which it overrides). Nothing happens without --resume.
template <class E, class Model, class Load, class Parse>
Status read_resume(const Args<E>& a, Load load, Parse parse, safetensors::File& file, std::unique_ptr<Model>& model, E& e) {
  if (!a.options.has("resume")) return Status::ok();
  const std::string path = a.options.text("resume");
  RP_TRY(safetensors::read_file(path, file));
  if (!has_example_training_state(file)) return Status::error("'" + path + "' has no training state (write it with --save-state)");
  Vocab vocab;
  Status s = load(file, model, vocab);
  if (!s) return Status::error("'" + path + "': " + s.message());
  const std::string* stored = file.meta("experiment");
  if (!stored) return Status::error("'" + path + "' has no experiment (write it with --save-state)");
  E from_file = e;
  RP_TRY(parse(*stored, from_file));
  from_file.train.model = model->config();
  take_from_file(a, from_file, path, "the model and the experiment", e);
  return Status::ok();
}

// After the data is made: with --resume, it must be the data the file trained on (the same characters).
template <class E> Status same_data(const Args<E>& a, const safetensors::File& file, const Vocab& vocab) {
  if (!a.options.has("resume")) return Status::ok();
  if (vocab.to_json() != *file.meta("vocab"))
    return Status::error("'" + a.options.text("resume") + "' was trained on other data (its characters differ from these examples')");
  return Status::ok();
}

// Runs --steps steps (counted from the trainer's optimizer step) under the progress bar, restoring --resume's
// training state first; report(stats) every --eval-every steps; --save (save_model(file): the model alone,
// the experiment is added) and --save-state every --save-every steps, at the end, and when Ctrl-C stops the
// run; final() after the last step. Returns what the command exits with.
template <class E, class Trainer, class Report, class SaveModel, class Final>
Status run_training(const Args<E>& a, const E& e, const safetensors::File& resume_file, Trainer& t, int64_t chars_per_step,
                    Report report, SaveModel save_model, Final final, MetricsLog& log) {
  const Values& o = a.options;
  if (o.has("resume")) {
    Status s = import_training_state(resume_file, t);
    if (!s) return Status::error("'" + o.text("resume") + "': " + s.message());
  }
  const bool quiet = o.on("quiet");
  auto save_files = [&]() -> Status {
    if (o.has("save")) {
      safetensors::File out;
      save_model(out);
      out.set_meta("experiment", to_json(e));
      RP_TRY(save(a.program, out, o.text("save"), quiet, "the model"));
    }
    if (o.has("save_state")) {
      safetensors::File out;
      export_training(t, to_json(e), out);
      RP_TRY(save(a.program, out, o.text("save_state"), quiet, "the training state"));
    }
    return Status::ok();
  };
  const int64_t first = t.optimizer().steps();
  const StepStats st = run_steps(first, first + o.integer("steps"), chars_per_step, quiet, o.integer("eval_every"),
                                 [&] { return t.step(); }, report, o.integer("save_every"), save_files, &log);
  if (weights_lost(st)) return diverged(st);
  final();
  RP_TRY(save_files());
  RP_TRY(stopped_early(t.optimizer().steps()));
  return diverged(st);
}

}  // namespace rp::cli
