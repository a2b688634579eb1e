#pragma once
/// \file
/// A value wrapper that makes ids of different kinds distinct types.

#include <functional>
#include <utility>

namespace ticketflow {

/// An id that cannot be mixed up with an id of another kind, even when both share a representation.
///
///     struct AgentTag {};
///     using AgentId = StrongId<AgentTag, std::string>;
///     AgentId a{"agent-7"};  // a == TeamId{"agent-7"} does not compile
template <class Tag, class Rep>
class StrongId {
  public:
    using rep_type = Rep;

    StrongId() = default;
    explicit StrongId(Rep value) : value_(std::move(value)) {}

    const Rep& value() const noexcept { return value_; }

    friend bool operator==(const StrongId& a, const StrongId& b) { return a.value_ == b.value_; }
    friend bool operator!=(const StrongId& a, const StrongId& b) { return !(a == b); }
    friend bool operator<(const StrongId& a, const StrongId& b) { return a.value_ < b.value_; }

  private:
    Rep value_{};
};

}  // namespace ticketflow

template <class Tag, class Rep>
struct std::hash<ticketflow::StrongId<Tag, Rep>> {
    std::size_t operator()(const ticketflow::StrongId<Tag, Rep>& id) const noexcept {
        return std::hash<Rep>{}(id.value());
    }
};
