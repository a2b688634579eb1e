#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <curl/curl.h>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <ticketflow/core/error.hpp>
#include <ticketflow/notify/entry_document.hpp>
#include <ticketflow/notify/webhook_notifier.hpp>

namespace ticketflow::notify {
namespace {

// Owners of what libcurl hands out.
struct EasyCleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;
struct UrlCleanup {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using ParsedUrl = std::unique_ptr<CURLU, UrlCleanup>;
struct ListCleanup {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, ListCleanup>;
struct StringCleanup {
    void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, StringCleanup>;

// libcurl's process-wide set-up, done once by the first notifier, whichever thread makes it
// (a function-local static is initialised exactly once). It is never torn down: other parts of the
// program may use libcurl too, and the process ends soon after the last notifier anyway.
CURLcode curl_initialised() {
    static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
    return code;
}

// How much of an answer's body is kept for an error message.
constexpr std::size_t kept_answer_bytes = 1024;
constexpr std::size_t shown_answer_bytes = 200;
// Idle handles kept for their open connections; more concurrent calls simply make more.
constexpr std::size_t max_idle_handles = 8;

// Headers the notifier writes itself, or that frame the request: not settable as extra headers.
constexpr std::string_view reserved_headers[] = {
    "content-type", "content-length", "idempotency-key", "x-ticketflow-attempt", "user-agent",
    "host",         "expect",         "connection",      "transfer-encoding",    "te",
    "upgrade",      "trailer"};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// An HTTP token (RFC 9110): the characters a header name may hold.
bool is_token(std::string_view name) {
    constexpr std::string_view punctuation = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               punctuation.find(c) != std::string_view::npos;
    });
}

// A header value may hold anything but control characters (a tab aside): no CR or LF that would
// end the header early and let a value write headers of its own.
bool is_header_value(std::string_view value) {
    return std::none_of(value.begin(), value.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && byte != '\t') || byte == 0x7F;
    });
}

void check(const WebhookOptions& options) {
    const auto refuse = [](const char* field, std::string why) {
        throw Exception(validation_error(field, std::move(why)));
    };
    if (options.timeout.count() <= 0) refuse("timeout", "a webhook timeout is a positive time");
    for (const auto& [name, value] : options.headers) {
        if (!is_token(name)) refuse("headers", "'" + name + "' is not a valid header name");
        const std::string key = lowered(name);
        if (std::find(std::begin(reserved_headers), std::end(reserved_headers), key) !=
            std::end(reserved_headers)) {
            refuse("headers", "the notifier writes the " + name + " header itself");
        }
        if (!is_header_value(value)) {
            refuse("headers", "the value of " + name + " holds control characters");
        }
    }
    if (!is_header_value(options.user_agent)) {
        refuse("user_agent", "the user agent holds control characters");
    }
}

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view text) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = at(0);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (text.size() < length || at(1) < low || at(1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (at(i) < 0x80 || at(i) > 0xBF) return 0;
    }
    return length;
}

// What an answer's body says, fit for an error message that is stored and shown: valid UTF-8,
// on one line, at most `shown_answer_bytes` long.
std::string snippet_of(std::string_view answer) {
    std::string out;
    bool space = false;
    while (!answer.empty()) {
        if (out.size() >= shown_answer_bytes) {
            out += "…";
            break;
        }
        const std::size_t length = utf8_sequence(answer);
        const auto byte = static_cast<unsigned char>(answer.front());
        if (length == 1 && (byte <= 0x20 || byte == 0x7F)) {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            if (length == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
            } else {
                out.append(answer.substr(0, length));
            }
        }
        answer.remove_prefix(std::max<std::size_t>(length, 1));
    }
    return out;
}

// The URL without credentials, query or fragment, for error messages that are stored.
std::string shown(CURLU* url) {
    const ParsedUrl copy{curl_url_dup(url)};
    if (!copy) return "the webhook";
    for (const CURLUPart part : {CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS,
                                 CURLUPART_QUERY, CURLUPART_FRAGMENT}) {
        curl_url_set(copy.get(), part, nullptr, 0);
    }
    char* text = nullptr;
    if (curl_url_get(copy.get(), CURLUPART_URL, &text, 0) != CURLUE_OK) return "the webhook";
    const CurlString owned{text};
    return owned.get();
}

std::size_t keep_start(char* data, std::size_t size, std::size_t count, void* user) {
    auto& kept = *static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (kept.size() < kept_answer_bytes) {
        kept.append(data, std::min(bytes, kept_answer_bytes - kept.size()));
    }
    return bytes;  // the rest is read and dropped, so the connection stays usable
}

// What an HTTP answer means for the entry.
Delivery judged(long status, const std::string& where, std::string_view answer,
                const std::string& location) {
    std::string why = "HTTP " + std::to_string(status) + " from " + where;
    if (status >= 200 && status <= 299) return Delivery::ok();
    if (status >= 300 && status <= 399) {
        why += location.empty() ? std::string(": a redirect")
                                : ": redirected to " + snippet_of(location);
        return Delivery::rejection(why + ", which is not followed; configure the final URL");
    }
    if (const std::string said = snippet_of(answer); !said.empty()) why += ": " + said;
    // Timeouts, "too early", rate limits and server errors pass; other client errors never will.
    const bool transient = status == 408 || status == 425 || status == 429 || status >= 500;
    if (status >= 400 && !transient) return Delivery::rejection(why);
    return Delivery::failure(why);
}

long milliseconds(std::chrono::microseconds time) {
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(time).count();
    return static_cast<long>(std::max<std::int64_t>(ms, 1));
}

}  // namespace

struct WebhookNotifier::Impl {
    WebhookOptions options;
    std::vector<std::string> extra_headers;  // "Name: value", made once
    std::mutex mutex;                        // guards idle
    std::vector<EasyHandle> idle;            // handles whose connections may be reused

    // A handle for one call, given back (and reset) when the call is over.
    class Borrowed {
      public:
        explicit Borrowed(Impl& pool) : pool_(pool), handle_(pool.take()) {}
        ~Borrowed() { pool_.give_back(std::move(handle_)); }
        Borrowed(const Borrowed&) = delete;
        Borrowed& operator=(const Borrowed&) = delete;
        CURL* get() const { return handle_.get(); }

      private:
        Impl& pool_;
        EasyHandle handle_;
    };

    EasyHandle take() {
        {
            std::lock_guard lock(mutex);
            if (!idle.empty()) {
                EasyHandle handle = std::move(idle.back());
                idle.pop_back();
                return handle;
            }
        }
        EasyHandle handle{curl_easy_init()};
        if (!handle) throw std::bad_alloc();
        return handle;
    }

    void give_back(EasyHandle handle) {
        if (!handle) return;
        // Forgets this call's options (and its pointers to this call's buffers); keeps the
        // connections.
        curl_easy_reset(handle.get());
        std::lock_guard lock(mutex);
        if (idle.size() < max_idle_handles) idle.push_back(std::move(handle));
    }

    HeaderList headers_for(const OutboxEntry& entry) const {
        HeaderList list;
        const auto add = [&list](const std::string& line) {
            curl_slist* longer = curl_slist_append(list.get(), line.c_str());
            if (!longer) throw std::bad_alloc();
            (void)list.release();  // now owned by `longer`
            list.reset(longer);
        };
        add("Content-Type: application/json");
        add("Idempotency-Key: " + idempotency_key(entry.key));
        add("X-Ticketflow-Attempt: " + std::to_string(std::uint64_t{entry.attempts} + 1));
        add("Expect:");  // no "100-continue" round trip before the body
        for (const std::string& line : extra_headers) add(line);
        return list;
    }

    Delivery post(const OutboxEntry& entry) {
        if (curl_initialised() != CURLE_OK) {
            return Delivery::failure("libcurl could not be initialised");
        }
        const std::string& target = options.url.empty() ? entry.recipient : options.url;
        const ParsedUrl url{curl_url()};
        if (!url) throw std::bad_alloc();
        if (const CURLUcode parsed = curl_url_set(url.get(), CURLUPART_URL, target.c_str(), 0);
            parsed != CURLUE_OK) {
            return Delivery::rejection("invalid webhook URL '" + snippet_of(target) +
                                       "': " + curl_url_strerror(parsed));
        }
        char* scheme_text = nullptr;
        if (curl_url_get(url.get(), CURLUPART_SCHEME, &scheme_text, 0) != CURLUE_OK) {
            return Delivery::rejection("invalid webhook URL '" + snippet_of(target) +
                                       "': no scheme");
        }
        const std::string scheme = lowered(CurlString{scheme_text}.get());
        if (scheme != "http" && scheme != "https") {
            return Delivery::rejection("unsupported scheme '" + scheme + "' in webhook URL " +
                                       shown(url.get()) + ": only http and https");
        }
        const std::string where = shown(url.get());

        std::string body;
        try {
            body = entry_document(entry).dump();
        } catch (const nlohmann::json::exception& e) {
            return Delivery::rejection(std::string("the entry cannot be sent as JSON: ") +
                                       e.what());
        }
        const HeaderList headers = headers_for(entry);

        const std::string ca_file = options.ca_file ? options.ca_file->string() : std::string();
        std::string answer;
        char error[CURL_ERROR_SIZE] = "";
        const Borrowed handle(*this);  // last: given back before what it points to is freed
        CURL* const curl = handle.get();
        curl_easy_setopt(curl, CURLOPT_CURLU, url.get());
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS,
                         static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, milliseconds(options.timeout));
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.timeout));
        // Signals cannot be used from several threads; name lookups still time out with an
        // asynchronous resolver (libcurl's "AsynchDNS" feature, which Debian's build has).
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
        if (options.ca_file) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &keep_start);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);

        const CURLcode code = curl_easy_perform(curl);
        if (code != CURLE_OK) {
            std::string why = where + ": " + curl_easy_strerror(code);
            if (error[0] != '\0') why += " (" + snippet_of(error) + ")";
            // The URL passed the checks above, so these only come from a broken configuration.
            if (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT) {
                return Delivery::rejection(why);
            }
            return Delivery::failure(why);  // timeouts, refused connections, names not found, TLS
        }
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        char* location = nullptr;
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location);
        return judged(status, where, answer, location ? location : "");
    }
};

WebhookNotifier::WebhookNotifier(WebhookOptions options) : impl_(std::make_unique<Impl>()) {
    check(options);
    curl_initialised();
    for (const auto& [name, value] : options.headers) {
        impl_->extra_headers.push_back(value.empty() ? name + ";" : name + ": " + value);
    }
    impl_->options = std::move(options);
}

WebhookNotifier::~WebhookNotifier() = default;

Delivery WebhookNotifier::deliver(const OutboxEntry& entry) {
    try {
        return impl_->post(entry);
    } catch (const std::exception& e) {
        return Delivery::failure(std::string("the webhook request could not be made: ") + e.what());
    }
}

const WebhookOptions& WebhookNotifier::options() const noexcept {
    return impl_->options;
}

std::string WebhookNotifier::idempotency_key(std::string_view key) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7F && byte != '%') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

}  // namespace ticketflow::notify
