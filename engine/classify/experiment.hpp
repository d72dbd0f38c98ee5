// A whole classifier experiment — the task (or "pairs" for the user's own labelled lines), the data sizes,
// the model and the training — and its field table (engine/core/fields.hpp), the one place each setting is
// named and bounded. The same JSON is the page's configuration, the command line's --config file and the
// checkpoint's `experiment` metadata. Example (every field optional):
//   {"task":"sentiment","min_len":3,"max_len":15,"train_size":2000,"held_size":300,"held_fraction":0.1,
//    "cell":"lstm","embed":16,"hidden":64,"layers":1,"bidirectional":false,"pooling":"last","batch":32,
//    "optim":"adam","lr":0.005,...,"clip_norm":5,"seed":1}
#pragma once
#include <string>
#include <string_view>

#include "engine/classify/tasks.hpp"
#include "engine/classify/trainer.hpp"
#include "engine/core/fields.hpp"

namespace rp {

struct ClassifyExperiment {
  ClassifyExperiment() { train.optim.lr = 0.005; }
  classify::TaskSpec task;
  int train_size = 2000, held_size = 300;  // generated tasks; pairs use held_fraction
  double held_fraction = 0.1;
  ClassifierTrainConfig train;
};

// Groups: data (task and sizes), model, train.
const FieldTable<ClassifyExperiment>& classify_fields();

Status validate(const ClassifyExperiment& e);
std::string to_json(const ClassifyExperiment& e);
Status parse_classify_experiment(std::string_view json_text, ClassifyExperiment& out);

// The examples an experiment trains and evaluates on, generated from the seed or split from `pairs_tsv`, and
// their classes.
Status make_examples(const ClassifyExperiment& e, std::string_view pairs_tsv, std::vector<classify::Example>& train,
                     std::vector<classify::Example>& held, std::vector<std::string>& labels);

}  // namespace rp
