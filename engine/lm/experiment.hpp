// A character language model's whole experiment — the text split, the model, the training and the sampling
// settings — and its field table (engine/core/fields.hpp): the one place each setting is named and bounded.
// The same JSON is the page's configuration, the command line's --config file and the checkpoint's
// `train_config` metadata. Example (every field optional; missing ones keep their defaults):
//   {"holdout":0.05,"cell":"lstm","hidden":128,"layers":1,"embed":0,"seq":64,"batch":32,"optim":"adam",
//    "lr":0.002,"momentum":0.9,"nesterov":false,"weight_decay":0,"lr_gamma":1,"lr_every":1000,"clip_norm":5,
//    "clip_value":0,"reset_state":false,"seed":1,"temperature":1,"top_k":0,"greedy":false,"sample_len":200,
//    "prime":""}
#pragma once
#include <string>
#include <string_view>

#include "engine/core/fields.hpp"
#include "engine/lm/sampler.hpp"
#include "engine/lm/trainer.hpp"

namespace rp {

struct LmExperiment {
  double holdout = 0.05;   // the text's last fraction, held out for evaluation
  TrainConfig train;
  SampleOptions sample;
  int sample_len = 200;    // characters per sample
  std::string prime;       // text the samples start from ("" = a newline)
  // The memoryless baselines beside the model (0 = off): an n-gram model of this order (engine/lm/ngram.hpp)
  // and a feed-forward network over this many characters (engine/lm/window_lm.hpp).
  int ngram = 0;
  int window = 0;
};

// Groups: data (holdout), model (cell, hidden, layers, embed), train, sample, baseline (ngram, window).
const FieldTable<LmExperiment>& lm_fields();
// The model's own fields (bounds for CharLMConfig, and the checkpoint's model metadata).
const FieldTable<CharLMConfig>& lm_model_fields();
// The model and training fields (TrainConfig; what a resumable checkpoint records).
const FieldTable<TrainConfig>& lm_train_fields();

Status validate(const LmExperiment& e);
std::string to_json(const LmExperiment& e);
Status parse_lm_experiment(std::string_view json_text, LmExperiment& out);

// The training configuration alone (the model and train groups), as checkpoints store it.
std::string to_json(const TrainConfig& c);
Status parse_train_config(std::string_view json_text, TrainConfig& out);

}  // namespace rp
