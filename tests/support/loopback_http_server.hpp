#pragma once
// A small HTTP/1.1 server on 127.0.0.1 for tests of HTTP clients: it listens on a port the system
// picks, serves one connection at a time on its own thread, records every request (method, path,
// headers, body) and answers from a scripted list of responses, each optionally after a delay (to
// make a client time out). One request per connection (`Connection: close`); bodies by
// Content-Length only. Bounded: at most `max_requests` requests, each read within `read_timeout`
// and at most 1 MiB. `stop()` (or the destructor) closes the port and joins the thread; a delay
// under way is cut short.
//
//     LoopbackHttpServer server({{500, "busy"}, {200}});
//     post(server.url("/hook"));  // answered 500, then 200, then 200 (`otherwise`) …
//     server.requests().at(0).header("Idempotency-Key");

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace ticketflow::testing {

/// One request as the server read it.
struct HttpRequest {
    std::string method;
    std::string path;  ///< the request target, e.g. "/hook?x=1"
    std::vector<std::pair<std::string, std::string>> headers;  ///< in the order sent
    std::string body;

    /// The value of the first header called `name` (any case); empty when there is none.
    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key.size() == name.size() &&
                std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                })) {
                return value;
            }
        }
        return {};
    }
};

/// One scripted answer: `{503, "busy"}`, `{301, "", {{"Location", "…"}}}`, `{200, "", {}, 3s}`.
struct HttpResponse {
    using Headers = std::vector<std::pair<std::string, std::string>>;

    HttpResponse(int status = 200, std::string body = {}, Headers headers = {},
                 std::chrono::milliseconds delay = {})
        : status(status), body(std::move(body)), headers(std::move(headers)), delay(delay) {}

    int status;
    std::string body;
    Headers headers;
    std::chrono::milliseconds delay;  ///< waited before answering
};

class LoopbackHttpServer {
  public:
    static constexpr std::size_t max_requests = 1000;
    static constexpr std::size_t max_request_bytes = 1 << 20;
    static constexpr std::chrono::milliseconds read_timeout{5000};

    /// Answers the n-th request with `script[n]`, and every request after the script with
    /// `otherwise`.
    explicit LoopbackHttpServer(std::vector<HttpResponse> script = {}, HttpResponse otherwise = {})
        : script_(std::move(script)), otherwise_(std::move(otherwise)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener_ < 0) fail("socket");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;  // any free port
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 64) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            const int error = errno;
            ::close(listener_);
            errno = error;
            fail("bind/listen");
        }
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }

    ~LoopbackHttpServer() { stop(); }
    LoopbackHttpServer(const LoopbackHttpServer&) = delete;
    LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

    std::uint16_t port() const { return port_; }
    /// "http://127.0.0.1:<port><path>"
    std::string url(std::string_view path = "/") const {
        return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
    }

    /// Stops serving and closes the port: a connection attempt after this is refused.
    /// Idempotent.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        woken_.notify_all();
        if (thread_.joinable()) thread_.join();
        if (listener_ >= 0) {
            ::close(listener_);
            listener_ = -1;
        }
    }

    /// Every request read so far, in arrival order.
    std::vector<HttpRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    /// Waits until `count` requests have been read; false when `timeout` passed first.
    bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return woken_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
    }

    /// Waits until `count` requests have been answered (or their client was gone by then), so
    /// that the server is free for the next one; false when `timeout` passed first.
    bool wait_for_answers(std::size_t count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return woken_.wait_for(lock, timeout, [&] { return answered_ >= count; });
    }

  private:
    [[noreturn]] static void fail(const char* what) {
        throw std::runtime_error(std::string("loopback HTTP server: ") + what + ": " +
                                 std::strerror(errno));
    }

    bool stopping() const {
        std::lock_guard lock(mutex_);
        return stopping_;
    }

    void serve() {
        while (!stopping()) {
            pollfd waiting{listener_, POLLIN, 0};
            if (::poll(&waiting, 1, 20) <= 0) continue;  // wakes up to notice stop()
            const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (connection < 0) continue;
            const bool was_request = handle(connection);
            ::close(connection);
            if (was_request) {
                std::lock_guard lock(mutex_);
                ++answered_;
                woken_.notify_all();
            }
        }
    }

    // Reads and answers one request; false when there was none to record.
    bool handle(int connection) {
        HttpRequest request;
        if (!read_request(connection, request)) return false;
        HttpResponse response;
        {
            std::unique_lock lock(mutex_);
            if (requests_.size() >= max_requests) return false;  // a runaway client: ignored
            const std::size_t index = requests_.size();
            requests_.push_back(request);
            response = index < script_.size() ? script_[index] : otherwise_;
            woken_.notify_all();
            if (response.delay.count() > 0) {
                woken_.wait_for(lock, response.delay, [this] { return stopping_; });
                if (stopping_) return true;
            }
        }
        std::string text =
            "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) + "\r\n";
        text += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
        text += "Connection: close\r\n";
        for (const auto& [name, value] : response.headers) text += name + ": " + value + "\r\n";
        text += "\r\n" + response.body;
        send_all(connection, text);
        return true;
    }

    // Reads one request within `read_timeout`; false when the client sent no complete one.
    static bool read_request(int connection, HttpRequest& request) {
        const auto deadline = std::chrono::steady_clock::now() + read_timeout;
        std::string data;
        std::size_t header_end = std::string::npos;
        std::size_t body_length = 0;
        for (;;) {
            if (header_end == std::string::npos) {
                header_end = data.find("\r\n\r\n");
                if (header_end != std::string::npos) {
                    if (!parse_head(data.substr(0, header_end), request)) return false;
                    const std::string length = request.header("Content-Length");
                    if (length.size() > 7 || !std::all_of(length.begin(), length.end(), [](char c) {
                            return c >= '0' && c <= '9';
                        })) {
                        return false;  // too long for max_request_bytes, or not a number
                    }
                    body_length = length.empty() ? 0 : std::stoul(length);
                    if (body_length > max_request_bytes) return false;
                    if (request.header("Expect") == "100-continue") {
                        send_all(connection, "HTTP/1.1 100 Continue\r\n\r\n");
                    }
                }
            }
            if (header_end != std::string::npos && data.size() >= header_end + 4 + body_length) {
                request.body = data.substr(header_end + 4, body_length);
                return true;
            }
            if (data.size() > max_request_bytes) return false;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd readable{connection, POLLIN, 0};
            if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) return false;
            char buffer[4096];
            const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
            if (got <= 0) return false;
            data.append(buffer, static_cast<std::size_t>(got));
        }
    }

    static bool parse_head(const std::string& head, HttpRequest& request) {
        std::size_t line_end = head.find("\r\n");
        const std::string first = head.substr(0, line_end);
        const std::size_t space = first.find(' ');
        const std::size_t second = first.find(' ', space + 1);
        if (space == std::string::npos || second == std::string::npos) return false;
        request.method = first.substr(0, space);
        request.path = first.substr(space + 1, second - space - 1);
        while (line_end != std::string::npos) {
            const std::size_t start = line_end + 2;
            line_end = head.find("\r\n", start);
            const std::string line = head.substr(start, line_end - start);
            const std::size_t colon = line.find(':');
            if (colon == std::string::npos) return false;
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t") + 1);
            request.headers.emplace_back(line.substr(0, colon), std::move(value));
        }
        return true;
    }

    static void send_all(int connection, std::string_view text) {
        while (!text.empty()) {
            // MSG_NOSIGNAL: a client that gave up (timed out) must not kill the test with SIGPIPE.
            const ssize_t sent = ::send(connection, text.data(), text.size(), MSG_NOSIGNAL);
            if (sent <= 0) return;
            text.remove_prefix(static_cast<std::size_t>(sent));
        }
    }

    static std::string reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 201:
                return "Created";
            case 202:
                return "Accepted";
            case 204:
                return "No Content";
            case 301:
                return "Moved Permanently";
            case 302:
                return "Found";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 404:
                return "Not Found";
            case 408:
                return "Request Timeout";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
        }
    }

    const std::vector<HttpResponse> script_;
    const HttpResponse otherwise_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;  // guards requests_, answered_ and stopping_
    mutable std::condition_variable woken_;
    std::vector<HttpRequest> requests_;
    std::size_t answered_ = 0;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once everything it uses exists
};

}  // namespace ticketflow::testing
