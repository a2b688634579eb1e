#pragma once
/// \file
/// Names of ticketflow's enumerations, as used in JSON, audit records, documents and Python.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ticketflow {

/// Specialised for every public enumeration whose enumerators run 0..N-1:
/// `static constexpr std::array<std::string_view, N> names`.
template <class Enum>
struct EnumNames;

/// All enumerators of `Enum`, in declaration order.
template <class Enum>
constexpr auto all_values() {
    constexpr auto count = EnumNames<Enum>::names.size();
    std::array<Enum, count> values{};
    for (std::size_t i = 0; i < count; ++i) values[i] = static_cast<Enum>(i);
    return values;
}

/// The enumerator's name, e.g. `to_string(Priority::urgent) == "urgent"`.
template <class Enum, class = decltype(EnumNames<Enum>::names)>
constexpr std::string_view to_string(Enum value) noexcept {
    const auto index = static_cast<std::size_t>(value);
    return index < EnumNames<Enum>::names.size() ? EnumNames<Enum>::names[index] : "?";
}

namespace detail {
/// Whether `EnumNames<Enum>` lists former names (`aliases`) that readers still accept.
template <class Enum, class = void>
struct HasEnumAliases : std::false_type {};
template <class Enum>
struct HasEnumAliases<Enum, std::void_t<decltype(EnumNames<Enum>::aliases)>> : std::true_type {};
}  // namespace detail

/// The enumerator named `name`, or nothing. A specialisation may also list `aliases`, pairs of a
/// former name and its enumerator, so that documents written before a rename still read; writers
/// only ever use `names`.
template <class Enum>
constexpr std::optional<Enum> parse_enum(std::string_view name) noexcept {
    const auto& names = EnumNames<Enum>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return static_cast<Enum>(i);
    }
    if constexpr (detail::HasEnumAliases<Enum>::value) {
        for (const auto& [former, value] : EnumNames<Enum>::aliases) {
            if (former == name) return value;
        }
    }
    return std::nullopt;
}

}  // namespace ticketflow
