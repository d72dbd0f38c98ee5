#include "engine/core/optimizer_fields.hpp"

namespace rp {
namespace {

const OptimKind kAll[] = {OptimKind::Sgd, OptimKind::Momentum, OptimKind::Adagrad, OptimKind::RmsProp, OptimKind::Adam};

const char* label(OptimKind k) {
  switch (k) {
    case OptimKind::Sgd: return "SGD";
    case OptimKind::Momentum: return "SGD with momentum";
    case OptimKind::Adagrad: return "Adagrad";
    case OptimKind::RmsProp: return "RMSprop";
    case OptimKind::Adam: return "Adam";
  }
  return "?";
}

std::vector<std::string> names() {
  std::vector<std::string> out;
  for (OptimKind k : kAll) out.push_back(optim_name(k));
  return out;
}

FieldTable<OptimConfig> make_optim() {
  FieldTable<OptimConfig> t;
  t.add_choice(FieldSpec("optim", "optimizer", "train").one_of(names()).about("the update rule, with PyTorch's formulas and defaults"),
               [](const OptimConfig& c) { return std::string(optim_name(c.kind)); },
               [](OptimConfig& c, const std::string& name) { parse_optim(name, c.kind); });
  t.add_number(FieldSpec("lr", "learning rate", "train").above(0, 10).about("step size of every update"),
               [](OptimConfig& c) -> double& { return c.lr; });
  t.add_number(FieldSpec("momentum", "momentum", "train").range(0, 0.9999).about("the momentum optimizer's factor"),
               [](OptimConfig& c) -> double& { return c.momentum; });
  t.add_bool(FieldSpec("nesterov", "Nesterov momentum", "train").about("look ahead along the momentum (momentum optimizer)"),
             [](OptimConfig& c) -> bool& { return c.nesterov; });
  t.add_number(FieldSpec("weight_decay", "weight decay", "train").range(0, 1).about("L2 penalty added to every gradient"),
               [](OptimConfig& c) -> double& { return c.weight_decay; });
  t.add_number(FieldSpec("lr_gamma", "learning-rate decay factor", "train").above(0, 1).alias("lr-decay")
                   .about("multiply the learning rate by this every lr_every steps (1 = constant)"),
               [](OptimConfig& c) -> double& { return c.lr_gamma; });
  t.add_int(FieldSpec("lr_every", "learning-rate decay period", "train").range(1, 1e9).about("steps between learning-rate decays"),
            [](OptimConfig& c) -> int& { return c.lr_every; });
  return t;
}

FieldTable<ClipConfig> make_clip() {
  FieldTable<ClipConfig> t;
  t.add_number(FieldSpec("clip_norm", "gradient norm clip", "train").range(0, 1e6).alias("clip")
                   .about("scale the gradients so their global norm is at most this (0 = off)"),
               [](ClipConfig& c) -> double& { return c.max_norm; });
  t.add_number(FieldSpec("clip_value", "gradient value clip", "train").range(0, 1e6)
                   .about("clamp every gradient element to this magnitude (0 = off)"),
               [](ClipConfig& c) -> double& { return c.max_value; });
  return t;
}

}  // namespace

const FieldTable<OptimConfig>& optim_fields() {
  static const FieldTable<OptimConfig> t = make_optim();
  return t;
}

const FieldTable<ClipConfig>& clip_fields() {
  static const FieldTable<ClipConfig> t = make_clip();
  return t;
}

json::Value optimizers_catalogue() {
  json::Value list = json::Value::make_array();
  for (OptimKind k : kAll) {
    json::Value o = json::Value::make_object();
    o.object.emplace_back("name", json::Value::from_string(optim_name(k)));
    o.object.emplace_back("label", json::Value::from_string(label(k)));
    json::Value uses = json::Value::make_array();
    std::vector<const char*> fields = {"lr", "weight_decay", "lr_gamma", "lr_every"};
    if (k == OptimKind::Momentum) fields.insert(fields.end(), {"momentum", "nesterov"});
    for (const char* f : fields) uses.array.push_back(json::Value::from_string(f));
    o.object.emplace_back("uses", uses);
    list.array.push_back(o);
  }
  return list;
}

}  // namespace rp
