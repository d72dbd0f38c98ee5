#include "engine/seq2seq/checkpoint.hpp"

#include "engine/io/checkpoint.hpp"
#include "engine/seq2seq/estimate.hpp"
#include "engine/seq2seq/experiment.hpp"
#include "engine/train/training_state.hpp"

namespace rp {

void export_seq2seq(const Seq2Seq<float>& model, const Vocab& vocab, safetensors::File& out) {
  checkpoint::write_kind("seq2seq", out);
  out.set_meta("vocab", vocab.to_json());
  Seq2SeqExperiment e;
  e.train.model = model.config();
  checkpoint::write_model_meta(seq2seq_fields(), e, out);
  checkpoint::write_params(model.params(), out);
}

Status read_seq2seq_config(const safetensors::File& f, Seq2SeqConfig& config, Vocab& vocab) {
  RP_TRY(checkpoint::check_kind(f, "seq2seq"));
  Seq2SeqExperiment e;
  RP_TRY(checkpoint::read_model_meta(seq2seq_fields(), f, e));
  Seq2SeqConfig c = e.train.model;
  const std::string* vocab_json = f.meta("vocab");
  if (!vocab_json) return Status::error("checkpoint metadata has no 'vocab'");
  Vocab v;
  RP_TRY(Vocab::from_json(*vocab_json, v));
  c.vocab = v.size() + kFirstChar;
  RP_TRY(validate(c));
  Seq2SeqTrainConfig sized;
  sized.model = c;
  PairShape shape;
  shape.vocab = v.size();
  RP_TRY(checkpoint::check_param_count(f, estimate_seq2seq(sized, shape).params, {checkpoint::kOptimPrefix}, "this seq2seq configuration"));
  config = c;
  vocab = std::move(v);
  return Status::ok();
}

Status import_seq2seq(const safetensors::File& f, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab) {
  Seq2SeqConfig c;
  Vocab v;
  RP_TRY(read_seq2seq_config(f, c, v));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix}, "this seq2seq configuration", model));
  vocab = std::move(v);
  return Status::ok();
}

void export_training(Seq2SeqTrainer& trainer, const std::string& experiment_json, safetensors::File& out) {
  export_seq2seq(trainer.model(), trainer.vocab(), out);
  out.set_meta("experiment", experiment_json);
  export_training_state(trainer, out);
}

}  // namespace rp
