// The lectures' worked example: a linear RNN with every weight 1 and no bias, two inputs, two hidden units,
// two outputs. Inputs [1,1],[1,1],[2,2] give outputs [4,4],[12,12],[32,32]; in the order [2,2],[1,1],[1,1]
// they give [8,8],[20,20],[44,44]: the same inputs in another order, another answer - the RNN has memory.
// ReLU is the identity on these positive values, so the engine's rnn_relu layer is that linear RNN.
#include <catch2/catch.hpp>

#include "engine/core/kernels.hpp"
#include "engine/layers/recurrent_layer.hpp"

using namespace rp;

namespace {

std::vector<double> run(const std::vector<double>& x) {
  ParamStore<double> store;
  RecurrentLayer<double> layer(*find_cell("rnn_relu"), 2, 2, 0, "rnn.", store);
  store.allocate();
  for (size_t i = 0; i < store.specs().size(); ++i) {
    const bool weight = store.specs()[i].name.find("weight") != std::string::npos;
    std::fill_n(store.value(int(i)), store.specs()[i].size, weight ? 1.0 : 0.0);
  }
  layer.prepare();
  LayerBuffers<double> buf;
  layer.resize(buf, 3, 1);
  LayerInput<double> in;
  in.dense = x.data();  // [T=3, B=1, I=2]
  layer.forward(in, 3, buf);
  // Output layer y(t) = W_o h(t), W_o all ones.
  const std::vector<double> w_o(4, 1.0);
  std::vector<double> y(6);
  simd::gemm(3, 2, 2, buf.h.data() + 2, 2, 1, w_o.data(), 2, y.data(), 2, false);
  return y;
}

}  // namespace

TEST_CASE("Linear RNN worked example from the lectures", "[worked-example]") {
  SECTION("inputs [1,1],[1,1],[2,2] give [4,4],[12,12],[32,32]") {
    CHECK(run({1, 1, 1, 1, 2, 2}) == std::vector<double>{4, 4, 12, 12, 32, 32});
  }
  SECTION("the same inputs in the order [2,2],[1,1],[1,1] give [8,8],[20,20],[44,44]") {
    CHECK(run({2, 2, 1, 1, 1, 1}) == std::vector<double>{8, 8, 20, 20, 44, 44});
  }
}
