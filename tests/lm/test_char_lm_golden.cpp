// Golden values from PyTorch (tests/golden/make_golden.py): logits, loss, final state, every parameter
// gradient and the initial-state gradients for RNN (tanh, relu), LSTM and GRU, one-hot and embedding input,
// two layers, and layer-normalised LSTM and GRU against a PyTorch twin (norm_dropout_golden.py). The files
// are also PyTorch-written checkpoints, so this tests loading them; and a checkpoint of nn.LSTM(dropout=P)
// trained with its dropout gives PyTorch's eval logits.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/lm/checkpoint.hpp"
#include "lm/lm_trainer.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

const safetensors::Tensor& need(const safetensors::File& f, const std::string& name) {
  const safetensors::Tensor* t = f.find(name);
  REQUIRE(t != nullptr);
  return *t;
}

void check_all(const float* ours, const safetensors::Tensor& golden, const std::string& what) {
  double worst = 0;
  size_t worst_i = 0;
  for (size_t i = 0; i < golden.data.size(); ++i) {
    const double err = std::abs(double(ours[i]) - golden.data[i]) / (1e-4 + std::abs(double(golden.data[i])));
    if (err > worst) worst = err, worst_i = i;
  }
  INFO(what << ": worst relative error " << worst << " at " << worst_i << " (ours " << ours[worst_i]
            << ", PyTorch " << golden.data[worst_i] << ")");
  CHECK(worst < 2e-4);
}

// The model part of a golden file (a checkpoint); its golden.* and grad.* tensors are the expectations.
safetensors::File model_part(const safetensors::File& f) {
  safetensors::File out;
  out.metadata = f.metadata;
  for (const auto& t : f.tensors)
    if (t.name.rfind("golden.", 0) != 0 && t.name.rfind("grad.", 0) != 0) out.tensors.push_back(t);
  return out;
}

std::vector<std::string> golden_cases() {
  std::vector<std::string> out;
  for (const char* cell : {"rnn_tanh", "rnn_relu", "lstm", "gru"})
    for (const char* input : {"onehot", "embed"}) out.push_back(std::string(cell) + "_" + input);
  out.push_back("lstm_layernorm");
  out.push_back("gru_layernorm");
  return out;
}

}  // namespace

TEST_CASE("Char LM forward and backward match PyTorch", "[golden]") {
  for (const std::string& name : golden_cases()) {
    DYNAMIC_SECTION(name) {
      safetensors::File f;
      const Status read = safetensors::read_file(test::golden_path("char_lm_" + name + ".safetensors"), f);
      REQUIRE(read.is_ok());
      std::unique_ptr<CharLM<float>> model;
      Vocab vocab;
      const Status loaded = import_char_lm(model_part(f), model, vocab);
      INFO(loaded.message());
      REQUIRE(loaded.is_ok());
      CHECK(vocab.size() == 7);
      CHECK((model->config().options.norm == Norm::Layer) == (name.find("layernorm") != std::string::npos));

      const auto& in = need(f, "golden.inputs");
      const int T = int(in.shape[0]), B = int(in.shape[1]);
      std::vector<TokenId> inputs, targets;
      for (float x : in.data) inputs.push_back(TokenId(x));
      for (float x : need(f, "golden.targets").data) targets.push_back(TokenId(x));
      CharLMWorkspace<float> ws;
      RecurrentState<float> state;
      model->resize(ws, T, B);
      model->resize(state, B);
      std::copy(need(f, "golden.h0").data.begin(), need(f, "golden.h0").data.end(), state.h.begin());
      if (model->has_cell_state())
        std::copy(need(f, "golden.c0").data.begin(), need(f, "golden.c0").data.end(), state.c.begin());

      model->params().zero_grad();
      const double loss = model->forward(inputs.data(), targets.data(), T, ws, state);
      model->backward(inputs.data(), T, ws);

      CHECK_THAT(loss, Catch::Matchers::WithinRel(double(need(f, "golden.loss").data[0]), 1e-5));
      check_all(ws.logits.data(), need(f, "golden.logits"), "logits");
      check_all(state.h.data(), need(f, "golden.hn"), "h_n");
      if (model->has_cell_state()) check_all(state.c.data(), need(f, "golden.cn"), "c_n");
      const auto& params = model->params();
      for (size_t i = 0; i < params.specs().size(); ++i)
        check_all(params.grad(int(i)), need(f, "grad." + params.specs()[i].name), "grad " + params.specs()[i].name);
      const int L = model->config().layers, H = model->config().hidden;
      std::vector<float> dh0, dc0;
      for (int l = 0; l < L; ++l) {
        dh0.insert(dh0.end(), ws.layers[l].dh_carry.begin(), ws.layers[l].dh_carry.end());
        dc0.insert(dc0.end(), ws.layers[l].dc_carry.begin(), ws.layers[l].dc_carry.end());
      }
      REQUIRE(dh0.size() == size_t(L * B * H));
      check_all(dh0.data(), need(f, "golden.grad_h0"), "grad h0");
      if (model->has_cell_state()) check_all(dc0.data(), need(f, "golden.grad_c0"), "grad c0");
    }
  }
}

TEST_CASE("A checkpoint of nn.LSTM(dropout=P) trained with dropout gives PyTorch's eval logits", "[golden][dropout]") {
  safetensors::File f;
  REQUIRE(safetensors::read_file(test::golden_path("char_lm_lstm_dropout.safetensors"), f).is_ok());
  std::unique_ptr<CharLM<float>> model;
  Vocab vocab;
  const Status loaded = import_char_lm(model_part(f), model, vocab);
  INFO(loaded.message());
  REQUIRE(loaded.is_ok());
  const auto& in = need(f, "golden.inputs");
  const int T = int(in.shape[0]), B = int(in.shape[1]);
  std::vector<TokenId> inputs, targets;
  for (float x : in.data) inputs.push_back(TokenId(x));
  for (float x : need(f, "golden.targets").data) targets.push_back(TokenId(x));
  CharLMWorkspace<float> ws;
  RecurrentState<float> state;
  model->resize(ws, T, B);
  model->resize(state, B);
  const double loss = model->forward(inputs.data(), targets.data(), T, ws, state);
  check_all(ws.logits.data(), need(f, "golden.logits"), "eval logits");
  CHECK_THAT(loss, Catch::Matchers::WithinRel(double(need(f, "golden.loss").data[0]), 1e-5));

  // The other way: a model the engine trains with `between` dropout P writes exactly the tensors (names and
  // shapes) of that nn.LSTM(dropout=P) module's state_dict, so it loads there with strict=True.
  TrainConfig c;
  c.model = {find_cell("lstm"), 0, model->config().hidden, 2, model->config().embed};
  c.model.options.dropout = {0.3, DropoutKind::Between};
  c.seq = 5;
  c.batch = 2;
  auto trainer = test::lm_trainer("abcdefgabcdefgfedcbagfedcba", c);
  for (int i = 0; i < 2; ++i) trainer->step();
  safetensors::File ours;
  export_char_lm(trainer->model(), trainer->vocab(), ours);
  const safetensors::File theirs = model_part(f);
  REQUIRE(ours.tensors.size() == theirs.tensors.size());
  for (const auto& t : theirs.tensors) {
    const safetensors::Tensor* mine = ours.find(t.name);
    INFO(t.name);
    REQUIRE(mine != nullptr);
    CHECK(mine->shape == t.shape);
  }
}
