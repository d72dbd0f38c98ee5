// The command line's memory check before a model is built: the family's estimate (engine/train/estimate.hpp)
// against this machine's physical memory, so a configuration that cannot fit is refused with the number it
// needs instead of aborting gigabytes later.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <string>

#include "engine/core/status.hpp"
#include "engine/train/estimate.hpp"

namespace rp::cli {

// Physical memory in bytes (0 when the system does not say).
inline double physical_memory() {
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? double(pages) * double(page) : 0;
}

// Refuses an estimate over 80% of physical memory (the rest is the system's and the data's); advice: what to
// make smaller, in the family's words.
inline Status check_memory(const Estimate& e, const std::string& advice) {
  const double have = physical_memory();
  if (have <= 0 || e.bytes <= 0.8 * have) return Status::ok();
  char buf[200];
  std::snprintf(buf, sizeof buf, "this configuration needs about %.1f GB of memory; this machine has %.1f GB", e.bytes / 1e9,
                have / 1e9);
  return Status::error(std::string(buf) + " (" + advice + ")");
}

}  // namespace rp::cli
