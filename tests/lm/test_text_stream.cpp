// Minibatch layout of B parallel streams for truncated BPTT.
#include <catch2/catch.hpp>

#include "engine/lm/text_stream.hpp"

using namespace rp;

TEST_CASE("Streams start at b * floor((N-1)/B) and advance T per window", "[text-stream]") {
  std::vector<TokenId> ids(101);
  for (int i = 0; i <= 100; ++i) ids[i] = i;  // N = 101, B = 4: S = 25; T = 10: 2 windows per pass
  TextStreams s;
  REQUIRE(s.reset(ids, 4, 10).is_ok());
  CHECK(s.windows_per_pass() == 2);
  std::vector<TokenId> in(40), tg(40);
  CHECK(s.next(in.data(), tg.data()));  // first window starts a pass
  for (int b = 0; b < 4; ++b)
    for (int t = 0; t < 10; ++t) {
      CHECK(in[t * 4 + b] == b * 25 + t);
      CHECK(tg[t * 4 + b] == b * 25 + t + 1);
    }
  CHECK_FALSE(s.next(in.data(), tg.data()));
  CHECK(in[0] == 10);
  CHECK(in[3] == 75 + 10);
  CHECK(s.next(in.data(), tg.data()));  // wraps: a new pass
  CHECK(in[0] == 0);
}

TEST_CASE("A text too short for the batch and window is refused with a message", "[text-stream]") {
  TextStreams s;
  const Status st = s.reset(std::vector<TokenId>(50, 0), 8, 10);
  REQUIRE_FALSE(st.is_ok());
  CHECK_THAT(st.message(), Catch::Matchers::Contains("needs at least 81"));
  CHECK_FALSE(s.reset(std::vector<TokenId>(1, 0), 1, 1).is_ok());
}
