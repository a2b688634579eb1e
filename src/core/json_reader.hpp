#pragma once
// Reading and writing JSON with field paths, shared by every module's JSON conversions.
//
// A type is read and written through one list of its fields, `fields(visitor, value)`, found by
// argument-dependent lookup in the type's namespace: the Reader and the Writer both walk it, so a
// member's JSON name is spelled once. Reading errors throw ticketflow::Exception carrying a
// validation_failed Error whose field is the dotted path of the offending value
// ("attachments[1].size_bytes"). Every string read, and every key of a map, must be valid UTF-8:
// what is read is later written (dump() would throw on invalid bytes) and shown to people.

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/strong_id.hpp>
#include <ticketflow/core/time.hpp>

namespace ticketflow::detail {

using nlohmann::json;

/// Throws the `validation_failed` error every reading mistake becomes.
[[noreturn]] inline void fail(const std::string& path, const std::string& what) {
    Error error = validation_error(path, what);
    if (path.empty()) error.message = what;  // the document itself is wrong: no "field: " prefix
    throw Exception(std::move(error));
}

inline std::string got(const json& j) {
    return std::string(", got ") + j.type_name();
}

class Reader;

// Every reader is declared before any template uses it: the templates call each other for
// nested values, and unqualified lookup only sees what is declared above the template.
inline void read_value(const json& j, const std::string& path, std::string& out);
void read_value(const json& j, const std::string& path, bool& out);
void read_value(const json& j, const std::string& path, Timestamp& out);
void read_value(const json& j, const std::string& path, Date& out);
/// A duration: a string such as "15m" or "1h30m" (see parse_duration), or whole seconds.
void read_value(const json& j, const std::string& path, std::chrono::seconds& out);
template <class Int,
          std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
void read_value(const json& j, const std::string& path, Int& out);
template <class Enum, class = decltype(EnumNames<Enum>::names)>
void read_value(const json& j, const std::string& path, Enum& out);
template <class Tag, class Rep>
void read_value(const json& j, const std::string& path, StrongId<Tag, Rep>& out);
template <class T>
void read_value(const json& j, const std::string& path, std::optional<T>& out);
template <class T>
void read_value(const json& j, const std::string& path, std::vector<T>& out);
template <class T>
void read_value(const json& j, const std::string& path, std::map<std::string, T>& out);
template <class T>
auto read_value(const json& j, const std::string& path, T& out)
    -> decltype(fields(std::declval<const Reader&>(), out));

/// One JSON object being read, and where it sits in the document ("customer",
/// "attachments[1]"), so errors name the full path of the offending field.
class Reader {
  public:
    Reader(const json& j, std::string path) : json_(j), path_(std::move(path)) {
        if (!j.is_object()) fail(path_, "expected an object" + got(j));
    }

    /// Reads member `name` into `member`; a missing member keeps its current (default) value.
    template <class T>
    void field(const char* name, T& member) const {
        const auto it = json_.find(name);
        if (it == json_.end()) return;
        read_value(*it, path_.empty() ? std::string(name) : path_ + "." + name, member);
    }

  private:
    const json& json_;
    std::string path_;
};

/// Restricts a `fields` overload to `Type`, whether it is read (mutable) or written (const).
template <class Self, class Type>
using For = std::enable_if_t<std::is_same_v<std::remove_const_t<Self>, Type>>;

/// Refuses text that is not valid UTF-8, quoting it with its invalid bytes escaped.
inline void check_utf8(const std::string& path, const std::string& text) {
    if (!is_valid_utf8(text)) fail(path, "is not valid UTF-8 text: '" + text + "'");
}

inline void read_value(const json& j, const std::string& path, std::string& out) {
    if (!j.is_string()) fail(path, "expected a string" + got(j));
    const auto& text = j.get_ref<const std::string&>();
    check_utf8(path, text);
    out = text;
}

inline void read_value(const json& j, const std::string& path, bool& out) {
    if (!j.is_boolean()) fail(path, "expected true or false" + got(j));
    out = j.get<bool>();
}

template <class Int>
bool fits(const json& j) {
    if (j.is_number_unsigned()) {
        return j.get<std::uint64_t>() <=
               static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
    }
    const auto value = j.get<std::int64_t>();
    if (value < 0) {
        return std::is_signed_v<Int> &&
               value >= static_cast<std::int64_t>(std::numeric_limits<Int>::min());
    }
    return static_cast<std::uint64_t>(value) <=
           static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
}

template <class Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int>>
void read_value(const json& j, const std::string& path, Int& out) {
    // Floats are refused even when whole: a count or a size is never 3.5, and 3.0 hints at a bug.
    if (!j.is_number_integer()) fail(path, "expected an integer" + got(j));
    if (!fits<Int>(j)) fail(path, "integer " + j.dump() + " is out of range");
    out = j.get<Int>();
}

template <class Enum, class>
void read_value(const json& j, const std::string& path, Enum& out) {
    std::string name;
    read_value(j, path, name);
    const auto parsed = parse_enum<Enum>(name);
    if (!parsed) {
        std::string known;
        for (const auto candidate : EnumNames<Enum>::names) {
            known += (known.empty() ? "" : ", ") + std::string(candidate);
        }
        fail(path, "unknown value '" + name + "' (expected one of: " + known + ")");
    }
    out = *parsed;
}

template <class Tag, class Rep>
void read_value(const json& j, const std::string& path, StrongId<Tag, Rep>& out) {
    Rep value{};
    read_value(j, path, value);
    out = StrongId<Tag, Rep>{std::move(value)};
}

template <class T>
void read_value(const json& j, const std::string& path, std::optional<T>& out) {
    if (j.is_null()) {
        out.reset();
        return;
    }
    T value{};
    read_value(j, path, value);
    out = std::move(value);
}

template <class T>
void read_value(const json& j, const std::string& path, std::vector<T>& out) {
    if (!j.is_array()) fail(path, "expected an array" + got(j));
    std::vector<T> values(j.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        read_value(j[i], path + "[" + std::to_string(i) + "]", values[i]);
    }
    out = std::move(values);
}

template <class T>
void read_value(const json& j, const std::string& path, std::map<std::string, T>& out) {
    if (!j.is_object()) fail(path, "expected an object" + got(j));
    std::map<std::string, T> values;
    for (const auto& [key, value] : j.items()) {
        const std::string at = path.empty() ? key : path + "." + key;
        check_utf8(at, key);  // a key is text the document names, like any string
        read_value(value, at, values[key]);
    }
    out = std::move(values);
}

template <class T>
auto read_value(const json& j, const std::string& path, T& out)
    -> decltype(fields(std::declval<const Reader&>(), out)) {
    fields(Reader{j, path}, out);
}

/// Reads a whole document into `out`; on failure `out` is left unchanged.
template <class T>
void read_document(const json& j, T& out) {
    T value{};
    read_value(j, "", value);
    out = std::move(value);
}

/// One JSON object being written: the same `fields` lists drive reading and writing, so a
/// field's name is spelled once. Empty optionals are written as null.
class Writer {
  public:
    explicit Writer(json& j) : json_(j) { json_ = json::object(); }

    template <class T>
    void field(const char* name, const T& member) const {
        json_[name] = member;
    }
    template <class T>
    void field(const char* name, const std::optional<T>& member) const {
        json_[name] = member ? value(*member) : json(nullptr);
    }
    void field(const char* name, std::chrono::seconds member) const { json_[name] = value(member); }

    template <class T>
    static json value(const T& member) {
        return json(member);
    }
    static json value(std::chrono::seconds duration) { return format_duration(duration); }

  private:
    json& json_;
};

/// Writes `value` as an object with the members its `fields` list names.
template <class T>
void write_document(json& j, const T& value) {
    fields(Writer{j}, value);
}

}  // namespace ticketflow::detail
