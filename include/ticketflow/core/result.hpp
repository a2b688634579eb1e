#pragma once
/// \file
/// `Result<T>`: a value or an `Error`, so expected failures are values the caller tests.

#include <cassert>
#include <utility>
#include <variant>

#include <ticketflow/core/error.hpp>

namespace ticketflow {

/// Either a `T` or the `Error` that prevented it.
///
///     Result<Ticket> r = engine.resolve(id, actor, "replaced the fan");
///     if (!r) std::cerr << r.error().message;   // e.g. invalid_transition
///     Ticket t = std::move(r).value();           // throws ticketflow::Exception on failure
template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
    Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

    bool has_value() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    /// The value; throws `Exception` holding the error when there is none. A temporary Result
    /// hands over the value itself, not a reference into it, so that
    /// `for (auto& entry : store.outbox(query).value())` does not read a destroyed Result.
    const T& value() const& { return check(), std::get<0>(data_); }
    T& value() & { return check(), std::get<0>(data_); }
    T value() && { return check(), std::get<0>(std::move(data_)); }

    const T& operator*() const& { return std::get<0>(data_); }
    T& operator*() & { return std::get<0>(data_); }
    const T* operator->() const { return &std::get<0>(data_); }
    T* operator->() { return &std::get<0>(data_); }

    /// The error; only meaningful when `!has_value()`.
    const Error& error() const& {
        assert(!has_value());
        return std::get<1>(data_);
    }

  private:
    void check() const {
        if (!has_value()) throw Exception(std::get<1>(data_));
    }
    std::variant<T, Error> data_;
};

/// A result that carries no value on success.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit

    bool has_value() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return has_value(); }

    /// Throws `Exception` holding the error on failure.
    void value() const {
        if (failed_) throw Exception(error_);
    }
    const Error& error() const& {
        assert(failed_);
        return error_;
    }

  private:
    Error error_;
    bool failed_ = false;
};

}  // namespace ticketflow
