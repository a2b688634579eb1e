#pragma once
// A prepared statement borrowed from a connection's cache.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3_stmt;

namespace ticketflow::detail::sqlite {

class Connection;

/// One use of a cached prepared statement. The statement is reset and its bindings cleared when
/// the use ends, so no read snapshot or lock outlives it. Errors throw `Exception` with
/// `storage_failure`.
class Statement {
  public:
    Statement(const Connection& connection, sqlite3_stmt* stmt) noexcept
        : connection_(connection), stmt_(stmt) {}
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Binds `value` to the 1-based parameter `index`: integers as INTEGER, an empty optional as
    /// NULL, the rest as TEXT.
    template <class T>
    Statement& bind(int index, const T& value) {
        if constexpr (is_optional<T>::value) {
            if (value) return bind(index, *value);
            bind_null(index);
        } else if constexpr (std::is_integral_v<T>) {
            bind_integer(index, static_cast<std::int64_t>(value));
        } else {
            bind_text(index, std::string_view(value));
        }
        return *this;
    }
    /// Binds the arguments to parameters 1, 2, 3, … in order.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// Advances to the next row: true when there is one, false when the statement is done.
    bool step();
    /// Runs a statement to its end, ignoring any rows.
    void run();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;
    /// The column's stored type, as SQLite keeps it per value: what a reader checks before
    /// trusting a value that something other than this store may have written.
    bool is_text(int column) const;
    bool is_integer(int column) const;

  private:
    template <class T>
    struct is_optional : std::false_type {};
    template <class T>
    struct is_optional<std::optional<T>> : std::true_type {};

    void bind_null(int index);
    void bind_integer(int index, std::int64_t value);
    void bind_text(int index, std::string_view value);
    void check(int code, std::string_view doing) const;

    const Connection& connection_;
    sqlite3_stmt* stmt_;
};

}  // namespace ticketflow::detail::sqlite
