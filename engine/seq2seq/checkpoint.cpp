#include "engine/seq2seq/checkpoint.hpp"

#include "engine/io/tensor_io.hpp"

namespace rp {

void export_seq2seq(const Seq2Seq<float>& model, const Vocab& vocab, safetensors::File& out) {
  const Seq2SeqConfig& c = model.config();
  out.set_meta("model", "seq2seq");
  out.set_meta("vocab", vocab.to_json());
  out.set_meta("encoder_cell", c.encoder_cell->name);
  out.set_meta("decoder_cell", c.decoder_cell->name);
  out.set_meta("embedding_dim", std::to_string(c.embed));
  out.set_meta("hidden_size", std::to_string(c.hidden));
  out.set_meta("num_layers", std::to_string(c.layers));
  out.set_meta("bidirectional", c.bidirectional ? "true" : "false");
  out.set_meta("attention", attention_name(c.attention));
  out.set_meta("attention_size", std::to_string(c.attn_size));
  const auto& params = model.params();
  for (size_t i = 0; i < params.specs().size(); ++i) {
    const ParamSpec& s = params.specs()[i];
    const float* v = params.value(int(i));
    out.add(s.name, s.shape, std::vector<float>(v, v + s.size));
  }
}

Status import_seq2seq(const safetensors::File& f, std::unique_ptr<Seq2Seq<float>>& model, Vocab& vocab) {
  const std::string* kind = f.meta("model");
  if (!kind) return Status::error("not a seq2seq checkpoint: metadata 'model' is missing");
  if (*kind != "seq2seq") return Status::error("not a seq2seq checkpoint: metadata 'model' is '" + *kind + "'");
  Seq2SeqConfig c;
  std::string text;
  RP_TRY(tensor_io::read_string(f, "encoder_cell", text));
  if (!(c.encoder_cell = find_cell(text))) return Status::error("unknown encoder_cell '" + text + "'");
  RP_TRY(tensor_io::read_string(f, "decoder_cell", text));
  if (!(c.decoder_cell = find_cell(text))) return Status::error("unknown decoder_cell '" + text + "'");
  RP_TRY(tensor_io::read_string(f, "attention", text));
  if (!parse_attention(text, c.attention))
    return Status::error("unknown attention '" + text + "' (expected one of " + attention_names() + ")");
  RP_TRY(tensor_io::read_string(f, "bidirectional", text));
  if (text != "true" && text != "false") return Status::error("metadata 'bidirectional' must be true or false");
  c.bidirectional = text == "true";
  RP_TRY(tensor_io::read_int(f, "embedding_dim", 1, 1024, c.embed));
  RP_TRY(tensor_io::read_int(f, "hidden_size", 1, 1024, c.hidden));
  RP_TRY(tensor_io::read_int(f, "num_layers", 1, 4, c.layers));
  RP_TRY(tensor_io::read_int(f, "attention_size", 1, 1024, c.attn_size));
  RP_TRY(tensor_io::read_string(f, "vocab", text));
  Vocab v;
  RP_TRY(Vocab::from_json(text, v));
  c.vocab = v.size() + kFirstChar;
  RP_TRY(validate(c));
  auto m = std::make_unique<Seq2Seq<float>>(c);
  auto& params = m->params();
  for (size_t i = 0; i < params.specs().size(); ++i)
    RP_TRY(tensor_io::copy_tensor(f, params.specs()[i].name, params.specs()[i].shape, params.value(int(i))));
  for (const auto& t : f.tensors)
    if (params.find(t.name) < 0) return Status::error("unexpected tensor '" + t.name + "' for this seq2seq configuration");
  m->weights_changed();
  model = std::move(m);
  vocab = std::move(v);
  return Status::ok();
}

}  // namespace rp
