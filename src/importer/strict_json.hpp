#pragma once
// A strict reader of configuration JSON: every key must be known, every value of the right type,
// and every mistake names its path. Mistakes throw ticketflow::Exception (validation_failed);
// the public readers catch it at their boundary and return it as a Result.

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/intake_policy.hpp>

namespace ticketflow::importer::detail {

using nlohmann::json;

[[noreturn]] inline void fail(const std::string& path, const std::string& what) {
    throw Exception(validation_error(path, what));
}

inline std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

/// The names of `Enum`, for messages: "a, b, c".
template <class Enum>
std::string names_of() {
    std::string known;
    for (const auto name : EnumNames<Enum>::names) {
        known += (known.empty() ? "" : ", ") + std::string(name);
    }
    return known;
}

inline std::string text(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, std::string("expected a string, got ") + j.type_name());
    const auto& value = j.get_ref<const std::string&>();
    if (!is_valid_utf8(value)) fail(path, "is not valid UTF-8 text: '" + value + "'");
    return value;
}

inline bool boolean(const json& j, const std::string& path) {
    if (!j.is_boolean()) fail(path, std::string("expected true or false, got ") + j.type_name());
    return j.get<bool>();
}

template <class Enum>
Enum enumerator(const json& j, const std::string& path, const char* what) {
    const std::string name = text(j, path);
    if (const auto parsed = parse_enum<Enum>(name)) return *parsed;
    fail(path, "unknown " + std::string(what) + " '" + name +
                   "' (expected one of: " + names_of<Enum>() + ")");
}

/// One JSON object whose keys must all be among `known`.
class Object {
  public:
    Object(const json& j, std::string path, std::initializer_list<std::string_view> known)
        : json_(j), path_(std::move(path)) {
        if (!j.is_object()) fail(path_, std::string("expected an object, got ") + j.type_name());
        for (const auto& item : j.items()) {
            bool listed = false;
            for (const auto name : known) listed = listed || item.key() == name;
            if (listed) continue;
            std::string expected;
            for (const auto name : known) {
                expected += (expected.empty() ? "" : ", ") + std::string(name);
            }
            fail(at(item.key()), "unknown key (expected one of: " + expected + ")");
        }
    }

    const json* find(std::string_view key) const {
        const auto it = json_.find(std::string(key));
        return it == json_.end() ? nullptr : &*it;
    }
    bool has(std::string_view key) const { return find(key) != nullptr; }
    std::string at(std::string_view key) const { return join(path_, key); }
    const std::string& path() const { return path_; }

    void read(std::string_view key, std::string& out) const {
        if (const json* j = find(key)) out = text(*j, at(key));
    }
    void read(std::string_view key, bool& out) const {
        if (const json* j = find(key)) out = boolean(*j, at(key));
    }
    void read(std::string_view key, std::optional<bool>& out) const {
        if (const json* j = find(key)) out = boolean(*j, at(key));
    }
    template <class Enum>
    void read_enum(std::string_view key, Enum& out, const char* what) const {
        if (const json* j = find(key)) out = enumerator<Enum>(*j, at(key), what);
    }
    /// A required string naming a column.
    std::string column(std::string_view key) const {
        const json* j = find(key);
        if (!j) fail(at(key), "is required: name a column of the log");
        std::string name = text(*j, at(key));
        if (name.empty()) fail(at(key), "names no column");
        return name;
    }

  private:
    const json& json_;
    std::string path_;
};

}  // namespace ticketflow::importer::detail
