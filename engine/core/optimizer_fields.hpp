// The optimizer's and the clipping's settings as field tables (engine/core/fields.hpp), shared by every
// family's table, and the optimizers as the catalogue lists them.
#pragma once
#include "engine/core/fields.hpp"
#include "engine/core/optimizer.hpp"

namespace rp {

// optim, lr, momentum, nesterov, weight_decay, lr_gamma, lr_every
const FieldTable<OptimConfig>& optim_fields();
// clip_norm, clip_value
const FieldTable<ClipConfig>& clip_fields();
// [{name, label, uses: [field names that matter for it]}] in menu order.
json::Value optimizers_catalogue();

}  // namespace rp
