// The tagger's experiment JSON, estimate and checkpoint: the JSON round-trips and refuses what is out of
// bounds, the estimate counts the model's parameters exactly, and a checkpoint reloads to the same model, its
// header alone gives the same configuration, and wrong files are refused with a reason.
#include <catch2/catch.hpp>

#include "engine/io/checkpoint.hpp"
#include "engine/tag/checkpoint.hpp"
#include "engine/tag/estimate.hpp"
#include "engine/tag/experiment.hpp"

using namespace rp;

TEST_CASE("A tagger experiment round-trips through JSON and refuses what is out of bounds", "[tag]") {
  TagExperiment e;
  REQUIRE(parse_tag_experiment(R"({"task":"grammar","hidden":12,"bidirectional":true,"cell":"gru","batch":8})", e).is_ok());
  CHECK(e.task == tag::TaskKind::Grammar);
  CHECK(e.train.model.hidden == 12);
  CHECK(e.train.model.bidirectional);
  CHECK(std::string(e.train.model.cell->name) == "gru");
  TagExperiment back;
  REQUIRE(parse_tag_experiment(to_json(e), back).is_ok());
  CHECK(to_json(back) == to_json(e));
  CHECK_THAT(parse_tag_experiment(R"({"hidden":0})", e).message(), Catch::Contains("hidden"));
  CHECK_THAT(parse_tag_experiment(R"({"pooling":"max"})", e).message(), Catch::Contains("unknown field 'pooling'"));
  CHECK_THAT(parse_tag_experiment(R"({"task":"sentiment"})", e).message(), Catch::Contains("task"));
}

TEST_CASE("A tagger experiment makes its sentences and refuses overlong ones of the user's", "[tag]") {
  TagExperiment e;
  e.train_size = 50;
  e.held_size = 10;
  std::vector<tag::Sentence> train, held;
  std::vector<std::string> tags;
  REQUIRE(make_sentences(e, "", train, held, tags).is_ok());
  CHECK(train.size() == 50);
  CHECK(tags.size() == 7);
  e.task = tag::TaskKind::Pairs;
  std::string line;
  for (int i = 0; i <= kMaxTagTokens; ++i) line += "w ";
  std::string tag_line;
  for (int i = 0; i <= kMaxTagTokens; ++i) tag_line += "X ";
  const Status s = make_sentences(e, "a b\tX Y\n" + line + "\t" + tag_line + "\n", train, held, tags);
  CHECK_THAT(s.message(), Catch::Contains("at most 200"));
}

TEST_CASE("The tagger's estimate counts its parameters exactly", "[tag]") {
  for (const char* cell : {"lstm", "gru", "rnn_tanh", "lstm_peephole"})
    for (bool bi : {false, true})
      for (int embed : {0, 5})
        for (int layers : {1, 3}) {
          TaggerTrainConfig c;
          c.model.vocab = 11;
          c.model.tags = 4;
          c.model.embed = embed;
          c.model.hidden = 6;
          c.model.layers = layers;
          c.model.bidirectional = bi;
          c.model.cell = find_cell(cell);
          REQUIRE(validate(c).is_ok());
          Tagger<float> model(c.model);
          SentenceShape shape;
          shape.words = 11;
          shape.tags = 4;
          INFO(cell << (bi ? " bi" : " uni") << " E=" << embed << " L=" << layers);
          CHECK(estimate_tagger(c, shape).params == model.params().count());
        }
}

TEST_CASE("Tagger checkpoints round-trip, read from the header alone and refuse other files", "[tag]") {
  TaggerConfig c;
  c.vocab = 5;
  c.tags = 3;
  c.embed = 4;
  c.hidden = 3;
  c.layers = 2;
  c.bidirectional = true;
  Tagger<float> model(c);
  Rng rng(4);
  model.init(rng);
  WordVocab words;
  REQUIRE(WordVocab::from_sentences({{"arrive", "oulu", "on", "may"}}, words).is_ok());
  const std::vector<std::string> tags = {"O", "B-to", "I-to"};
  safetensors::File f;
  export_tagger(model, words, tags, f);
  const std::vector<uint8_t> bytes = safetensors::serialize(f);

  safetensors::File header;
  REQUIRE(safetensors::parse_header(bytes.data(), bytes.size(), header).is_ok());
  TaggerConfig from_header;
  WordVocab header_words;
  std::vector<std::string> header_tags;
  REQUIRE(read_tagger_config(header, from_header, header_words, header_tags).is_ok());
  CHECK(from_header.hidden == 3);
  CHECK(from_header.layers == 2);
  CHECK(from_header.bidirectional);
  CHECK(header_tags == tags);

  safetensors::File parsed;
  REQUIRE(safetensors::parse(bytes.data(), bytes.size(), parsed).is_ok());
  std::unique_ptr<Tagger<float>> back;
  WordVocab back_words;
  std::vector<std::string> back_tags;
  REQUIRE(import_tagger(parsed, back, back_words, back_tags).is_ok());
  CHECK(back_words.to_json() == words.to_json());
  CHECK(back_tags == tags);
  for (size_t i = 0; i < model.params().specs().size(); ++i) {
    const int64_t n = model.params().specs()[i].size;
    CHECK(std::equal(model.params().value(int(i)), model.params().value(int(i)) + n, back->params().value(int(i))));
  }

  safetensors::File other = parsed;
  other.set_meta("model", "classifier");
  CHECK_THAT(import_tagger(other, back, back_words, back_tags).message(), Catch::Contains("not a tagger"));
  safetensors::File repeated = parsed;
  repeated.set_meta("tags", R"(["O","O"])");
  CHECK_THAT(import_tagger(repeated, back, back_words, back_tags).message(), Catch::Contains("repeats 'O'"));
  // A small file whose metadata claims a model of a billion parameters is refused before anything is built.
  safetensors::File huge = parsed;
  huge.set_meta("hidden_size", "1024");
  huge.set_meta("num_layers", "4");
  huge.set_meta("embedding_dim", "1024");
  std::string many = "[\"<unk>\"";
  for (int i = 0; i < 150000; ++i) many += ",\"w" + std::to_string(i) + "\"";
  huge.set_meta("words", many + "]");
  const Status refused = import_tagger(huge, back, back_words, back_tags);
  CHECK(!refused);
  CHECK(!refused.message().empty());
}
