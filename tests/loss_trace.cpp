// Prints the loss of each of 200 training steps for one fixed configuration, one per line with 9 significant
// digits. Built natively and as WebAssembly; tests/compare_traces.mjs checks the two agree to float rounding.
#include <cstdio>

#include "engine/lm/experiment.hpp"
#include "engine/lm/trainer.hpp"

int main() {
  using namespace rp;
  std::string text;
  const char* unit = "Sing, O goddess, the anger of Achilles son of Peleus, that brought countless ills upon the Achaeans. ";
  while (text.size() < 20000) text += unit;
  TrainConfig c;
  if (!parse_train_config(R"({"cell":"lstm","hidden":64,"layers":2,"embed":16,"seq":32,"batch":8,"optim":"adam","lr":0.003,"clip_norm":5,"seed":42})", c).is_ok()) return 1;
  Vocab vocab;
  std::vector<TokenId> ids;
  if (!Vocab::from_text(text, vocab).is_ok() || !vocab.encode(text, ids).is_ok()) return 1;
  std::unique_ptr<Trainer> t;
  if (!Trainer::create(c, vocab, nullptr, ids, t).is_ok()) return 1;
  for (int i = 0; i < 200; ++i) std::printf("%.9g\n", t->step().loss);
  return 0;
}
