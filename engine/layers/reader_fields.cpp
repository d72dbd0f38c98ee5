#include "engine/layers/reader_fields.hpp"

namespace rp {
namespace {

using R = ReaderConfig;

FieldTable<R> make_table() {
  FieldTable<R> t;
  t.add_choice(FieldSpec("cell", "cell", "model").one_of(cell_name_list()).stored_as("cell").about("the recurrent cell of every layer"),
               [](const R& r) { return std::string(r.cell ? r.cell->name : ""); },
               [](R& r, const std::string& name) { r.cell = find_cell(name); });
  t.add_int(FieldSpec("embed", "embedding size", "model").range(0, 1024).stored_as("embedding_dim")
                .about("size of a learned embedding of each token (E); 0 feeds one-hot vectors"),
            [](R& r) -> int& { return r.embed; });
  t.add_int(FieldSpec("hidden", "hidden size", "model").range(1, 1024).stored_as("hidden_size").about("units per layer and direction (H)"),
            [](R& r) -> int& { return r.hidden; });
  t.add_int(FieldSpec("layers", "number of layers", "model").range(1, 4).stored_as("num_layers").about("stacked recurrent layers (L)"),
            [](R& r) -> int& { return r.layers; });
  t.add_bool(FieldSpec("bidirectional", "bidirectional", "model").stored_as("bidirectional")
                 .about("read each sequence both ways and join the two states"),
             [](R& r) -> bool& { return r.bidirectional; });
  return t;
}

}  // namespace

const FieldTable<ReaderConfig>& reader_fields() {
  static const FieldTable<ReaderConfig> t = make_table();
  return t;
}

}  // namespace rp
