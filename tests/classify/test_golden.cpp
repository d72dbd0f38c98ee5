// Golden values from PyTorch (tests/golden/classify_golden.py): a PyTorch classifier — nn.Embedding,
// nn.LSTM/GRU/RNN with bidirectional=True as PyTorch names it, nn.Linear — written in the checkpoint contract
// and loaded here strictly, giving the same logits, loss and every parameter gradient on a ragged batch, for
// last (h_n of a packed sequence), max and mean pooling.
#include <catch2/catch.hpp>
#include <cmath>

#include "engine/classify/checkpoint.hpp"
#include "test_util.hpp"

using namespace rp;

namespace {

const safetensors::Tensor& need(const safetensors::File& f, const std::string& name) {
  const safetensors::Tensor* t = f.find(name);
  REQUIRE(t != nullptr);
  return *t;
}

double worst_error(const float* ours, const safetensors::Tensor& golden) {
  double worst = 0;
  for (size_t i = 0; i < golden.data.size(); ++i)
    worst = std::max(worst, std::abs(double(ours[i]) - golden.data[i]) / (1e-4 + std::abs(double(golden.data[i]))));
  return worst;
}

}  // namespace

TEST_CASE("Classifier logits, loss and gradients match PyTorch", "[classify][golden]") {
  for (const char* name : {"lstm_bi_max", "gru_uni_last_onehot", "rnn_tanh_bi_last", "rnn_relu_uni_mean",
                           "lstm_bi_mean_onehot"}) {
    DYNAMIC_SECTION(name) {
      safetensors::File f;
      REQUIRE(safetensors::read_file(test::golden_path(std::string("classifier_") + name + ".safetensors"), f).is_ok());
      safetensors::File model_part;
      model_part.metadata = f.metadata;
      for (const auto& t : f.tensors)
        if (t.name.rfind("golden.", 0) != 0 && t.name.rfind("grad.", 0) != 0) model_part.tensors.push_back(t);
      std::unique_ptr<Classifier<float>> model;
      Vocab vocab;
      std::vector<std::string> labels;
      const Status loaded = import_classifier(model_part, model, vocab, labels);
      INFO(loaded.message());
      REQUIRE(loaded.is_ok());
      CHECK(labels == std::vector<std::string>{"neg", "neu", "pos"});

      const auto& in = need(f, "golden.inputs");
      ClassifierBatch batch;
      batch.S = int(in.shape[0]);
      batch.B = int(in.shape[1]);
      for (float x : in.data) batch.ids.push_back(TokenId(x));
      for (float x : need(f, "golden.lengths").data) batch.len.push_back(int(x));
      for (float x : need(f, "golden.labels").data) batch.labels.push_back(TokenId(x));
      ClassifierWorkspace<float> ws;
      model->resize(ws, batch.S, batch.B);
      model->params().zero_grad();
      const double loss = model->forward(batch, ws);
      model->backward(batch, ws);
      CHECK_THAT(loss, Catch::Matchers::WithinRel(double(need(f, "golden.loss").data[0]), 1e-5));
      const double logits = worst_error(ws.logits.data(), need(f, "golden.logits"));
      INFO("logits: worst relative error " << logits);
      CHECK(logits < 2e-4);
      const auto& params = model->params();
      for (size_t i = 0; i < params.specs().size(); ++i) {
        const std::string& p = params.specs()[i].name;
        const double err = worst_error(params.grad(int(i)), need(f, "grad." + p));
        INFO("grad " << p << ": worst relative error " << err);
        CHECK(err < 2e-4);
      }
    }
  }
}
