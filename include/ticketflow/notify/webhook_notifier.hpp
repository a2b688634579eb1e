#pragma once
/// \file
/// A notifier that POSTs each outbox entry as JSON to an HTTP(S) endpoint. Compiled into its own
/// target, `ticketflow::webhook`, so that only programs that use it link libcurl; see
/// docs/notifications.md ("The webhook notifier").

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <ticketflow/notify/notifier.hpp>
#include <ticketflow/version.hpp>

namespace ticketflow::notify {

/// Where and how a WebhookNotifier sends.
struct WebhookOptions {
    /// Where to POST, `http://` or `https://`; empty: each entry's `recipient` is its URL.
    std::string url;
    /// The longest a whole request may take, and the longest connecting may take.
    std::chrono::microseconds timeout{std::chrono::seconds{10}};
    /// Extra request headers, e.g. {"Authorization", "Bearer …"}. The headers the notifier writes
    /// itself (Content-Type, Idempotency-Key, X-Ticketflow-Attempt, User-Agent, and the framing
    /// ones) cannot be given here.
    std::map<std::string, std::string> headers;
    std::string user_agent = std::string("ticketflow/") + version_string;
    /// Checks the server's certificate and host name; turn off only for a test receiver.
    bool verify_tls = true;
    /// The CA certificates (PEM) to trust instead of the system's.
    std::optional<std::filesystem::path> ca_file;

    friend bool operator==(const WebhookOptions& a, const WebhookOptions& b) {
        return a.url == b.url && a.timeout == b.timeout && a.headers == b.headers &&
               a.user_agent == b.user_agent && a.verify_tls == b.verify_tls &&
               a.ca_file == b.ca_file;
    }
};

/// POSTs each entry as `entry_document(entry)` (application/json) with the headers
/// `Idempotency-Key` (the entry's key, see `idempotency_key`) and `X-Ticketflow-Attempt` (1 for
/// the first attempt). A 2xx answer delivers; 408, 425, 429, 5xx, timeouts and network failures
/// are failures the relay retries; any other answer (4xx, a redirect, which is not followed), an
/// invalid URL or a scheme other than http and https is a rejection. Never throws from `deliver`,
/// and may be called from several threads at once.
///
///     notify::WebhookOptions options;
///     options.url = "https://hooks.example.com/tickets";
///     relay.add_notifier("webhook", std::make_shared<notify::WebhookNotifier>(options));
class WebhookNotifier final : public Notifier {
  public:
    /// Throws `Exception` (validation_failed) for options that can never work: a timeout that is
    /// not positive, or an extra header that is malformed or one the notifier writes itself.
    explicit WebhookNotifier(WebhookOptions options = {});
    ~WebhookNotifier() override;
    WebhookNotifier(const WebhookNotifier&) = delete;
    WebhookNotifier& operator=(const WebhookNotifier&) = delete;

    Delivery deliver(const OutboxEntry& entry) override;

    const WebhookOptions& options() const noexcept;

    /// The `Idempotency-Key` header for an entry's key: the key with `%` and every byte outside
    /// printable ASCII percent-encoded (`%E6%9D%8E` for "李"), so that keys holding non-ASCII
    /// recipients stay valid header values; unchanged for ASCII keys.
    static std::string idempotency_key(std::string_view key);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ticketflow::notify
