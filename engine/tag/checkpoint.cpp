#include "engine/tag/checkpoint.hpp"

#include "engine/io/checkpoint.hpp"
#include "engine/layers/reader_fields.hpp"
#include "engine/tag/estimate.hpp"

namespace rp {

void export_tagger(const Tagger<float>& model, const WordVocab& words, const std::vector<std::string>& tags,
                   safetensors::File& out) {
  checkpoint::write_kind("tagger", out);
  out.set_meta("words", words.to_json());
  checkpoint::write_names("tags", tags, out);
  checkpoint::write_model_meta(reader_fields(), model.config().reader(), out);
  checkpoint::write_params(model.params(), out);
}

Status read_tagger_config(const safetensors::File& f, TaggerConfig& config, WordVocab& words,
                          std::vector<std::string>& tags) {
  RP_TRY(checkpoint::check_kind(f, "tagger"));
  TaggerConfig c;
  RP_TRY(checkpoint::read_model_meta(reader_fields(), f, static_cast<ReaderConfig&>(c)));
  const std::string* words_json = f.meta("words");
  if (!words_json) return Status::error("checkpoint metadata has no 'words'");
  WordVocab w;
  RP_TRY(WordVocab::from_json(*words_json, w));
  std::vector<std::string> t;
  RP_TRY(checkpoint::read_names(f, "tags", "tags", t));
  c.vocab = w.size();
  c.tags = int(t.size());
  RP_TRY(validate(c));
  TaggerTrainConfig sized;
  sized.model = c;
  SentenceShape shape;
  shape.words = w.size();
  shape.tags = c.tags;
  RP_TRY(checkpoint::check_param_count(f, estimate_tagger(sized, shape).params, {checkpoint::kOptimPrefix},
                                       "this tagger configuration"));
  config = c;
  words = std::move(w);
  tags = std::move(t);
  return Status::ok();
}

Status import_tagger(const safetensors::File& f, std::unique_ptr<Tagger<float>>& model, WordVocab& words,
                     std::vector<std::string>& tags) {
  TaggerConfig c;
  WordVocab w;
  std::vector<std::string> t;
  RP_TRY(read_tagger_config(f, c, w, t));
  RP_TRY(checkpoint::build_model(f, c, {checkpoint::kOptimPrefix}, "this tagger configuration", model));
  words = std::move(w);
  tags = std::move(t);
  return Status::ok();
}

}  // namespace rp
