// TrainConfig <-> JSON. The same text is the checkpoint's `train_config` metadata and the configuration the
// page hands the WebAssembly module, so both are validated by one parser that names the offending field.
// Example: {"cell":"lstm","hidden":128,"layers":1,"embed":0,"seq":64,"batch":32,"optim":"adam","lr":0.002,
//           "weight_decay":0,"momentum":0.9,"nesterov":false,"lr_gamma":1,"lr_every":1000,"clip_norm":5,
//           "clip_value":0,"reset_state":false,"seed":1}
// Missing fields keep their defaults; unknown fields and wrong types are errors.
#pragma once
#include <string>
#include <string_view>

#include "engine/lm/trainer.hpp"

namespace rp {

std::string to_json(const TrainConfig& c);
Status parse_train_config(std::string_view json_text, TrainConfig& out);

}  // namespace rp
