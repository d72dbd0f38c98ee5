// Files the verbs read and write, with the checks every command needs and messages naming the file.
#pragma once
#include <string>
#include <string_view>

#include "engine/core/status.hpp"
#include "engine/io/safetensors.hpp"

namespace rp::cli {

// A whole regular file, refused beyond max_bytes (and refused by kind when it is a directory, a device, a pipe
// or a socket); `what` names it in messages ("text file").
Status read_file(const std::string& path, size_t max_bytes, std::string& out, const char* what = "file");

// A training or evaluation text: at most 512 MiB, not empty, valid UTF-8, at least two characters.
Status read_text(const std::string& path, std::string& out);
// The same checks on a text already in memory; `name` is how messages name it ("text file 'a.txt'").
Status check_text(std::string_view bytes, const std::string& name);

// Checks before any training that `path` can be written (its folder exists and is writable, and it is not
// a folder itself), so a typo in --save is not found out only when the run is over.
Status check_output(const std::string& path, const char* flag);

// Writes `file` to `path` and, unless quiet, says so on stderr: "<program>: saved <what> to <path>".
Status save(const std::string& program, const safetensors::File& file, const std::string& path, bool quiet,
            const char* what);

}  // namespace rp::cli
