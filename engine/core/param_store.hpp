// All parameters of a model in one flat block, and their gradients in a second block of identical layout, so
// that zeroing, clipping, the optimizer and a checkpoint are each one loop over contiguous memory.
// Each parameter keeps its PyTorch name and shape; offsets are aligned to 16 elements (64 bytes) and the
// padding between parameters stays zero.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/dims.hpp"

namespace rp {

struct ParamSpec {
  std::string name;
  std::vector<int64_t> shape;
  int64_t offset = 0;
  int64_t size = 0;
};

template <class T> class ParamStore {
 public:
  // Declares a parameter; call allocate() once after the last add().
  int add(std::string name, std::vector<int64_t> shape) {
    int64_t size = 1;
    for (int64_t d : shape) size *= d;
    specs_.push_back({std::move(name), std::move(shape), total_, size});
    total_ += (size + kAlign - 1) / kAlign * kAlign;
    return static_cast<int>(specs_.size()) - 1;
  }

  void allocate() {
    values_ = Tensor1<T>::from_shape({static_cast<size_t>(total_)});
    grads_ = Tensor1<T>::from_shape({static_cast<size_t>(total_)});
    values_.fill(T(0));
    grads_.fill(T(0));
  }

  T* value(int id) { return values_.data() + specs_[id].offset; }
  const T* value(int id) const { return values_.data() + specs_[id].offset; }
  T* grad(int id) { return grads_.data() + specs_[id].offset; }
  const T* grad(int id) const { return grads_.data() + specs_[id].offset; }

  int find(std::string_view name) const {
    for (size_t i = 0; i < specs_.size(); ++i)
      if (specs_[i].name == name) return static_cast<int>(i);
    return -1;
  }

  const std::vector<ParamSpec>& specs() const { return specs_; }
  Tensor1<T>& values() { return values_; }
  const Tensor1<T>& values() const { return values_; }
  Tensor1<T>& grads() { return grads_; }
  const Tensor1<T>& grads() const { return grads_; }
  int64_t size() const { return total_; }  // including alignment padding
  int64_t count() const {                  // number of trainable scalars
    int64_t n = 0;
    for (const auto& s : specs_) n += s.size;
    return n;
  }
  void zero_grad() { std::fill(grads_.begin(), grads_.end(), T(0)); }

 private:
  static constexpr int64_t kAlign = 16;
  std::vector<ParamSpec> specs_;
  int64_t total_ = 0;
  Tensor1<T> values_, grads_;  // [total_]
};

}  // namespace rp
