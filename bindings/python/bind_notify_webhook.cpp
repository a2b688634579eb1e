// The webhook notifier (ticketflow::webhook): WebhookOptions and WebhookNotifier, which a relay
// uses like any other notifier. Bound only when the library was built with TICKETFLOW_WEBHOOK.
#include "bindings.hpp"

#if TICKETFLOW_PYTHON_WEBHOOK

#include <memory>

#include <pybind11/stl/filesystem.h>

#include <ticketflow/notify/webhook_notifier.hpp>

#include "value_class.hpp"

namespace ticketflow::python {

void bind_notify_webhook(py::module_& n) {
    using notify::WebhookNotifier;
    using notify::WebhookOptions;
    ValueClass<WebhookOptions>(n, "WebhookOptions", "Where and how a WebhookNotifier sends.")
        .field("url", &WebhookOptions::url,
               "http:// or https:// URL to POST to; empty: each entry's recipient is its URL.")
        .field("timeout", &WebhookOptions::timeout,
               "timedelta a request, and connecting, may take at most.")
        .field("headers", &WebhookOptions::headers,
               "Extra request headers, e.g. {'Authorization': 'Bearer ...'}.")
        .field("user_agent", &WebhookOptions::user_agent, "The User-Agent header.")
        .field("verify_tls", &WebhookOptions::verify_tls,
               "Check the server's certificate and host name.")
        .field("ca_file", &WebhookOptions::ca_file,
               "CA certificates (PEM) to trust instead of the system's; None: the system's.")
        .done();
    py::class_<WebhookNotifier, notify::Notifier, std::shared_ptr<WebhookNotifier>>(
        n, "WebhookNotifier", R"doc(POSTs each entry as JSON to an HTTP(S) endpoint.

    webhook = ticketflow.notify.WebhookNotifier(
        ticketflow.notify.WebhookOptions(url="https://hooks.example.com/tickets"))
    relay.add_notifier("webhook", webhook)

2xx delivers; 408, 425, 429, 5xx, timeouts and network failures are retried; other answers,
redirects and invalid URLs are rejections. Each request carries the header Idempotency-Key.)doc")
        .def(py::init([](WebhookOptions options) {
                 return std::make_shared<WebhookNotifier>(std::move(options));
             }),
             py::arg_v("options", WebhookOptions{}, "WebhookOptions()"),
             "Raises ValidationError for a timeout that is not positive or a malformed or "
             "reserved extra header.")
        .def("deliver", &WebhookNotifier::deliver, py::arg("entry"),
             py::call_guard<py::gil_scoped_release>(),
             "POSTs one entry and says what became of it (the GIL is released meanwhile).")
        .def_property_readonly("options", &WebhookNotifier::options)
        .def_static("idempotency_key", &WebhookNotifier::idempotency_key, py::arg("key"),
                    "The Idempotency-Key header for an entry's key: percent-encoded where it is "
                    "not printable ASCII.");
}

}  // namespace ticketflow::python

#else

namespace ticketflow::python {

void bind_notify_webhook(py::module_&) {}

}  // namespace ticketflow::python

#endif
