// The deterministic split of the user's own rows into training and held-out, shared by every family that
// reads rows (seq2seq's pairs, the classifier's labelled texts).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace rp {

// Which of n rows to hold out, by seed: about held_fraction (clamped to [0, 1]) of them, at least 1 and at
// most all but 1 when there are >= 2 rows. Rows with the same key (a source, a text) stay on the same side
// whenever there are two or more distinct keys, so held-out scores measure generalisation. keys: [n].
std::vector<char> held_out_rows(const std::vector<std::string_view>& keys, double held_fraction, uint64_t seed);

}  // namespace rp
