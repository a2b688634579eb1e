// Notifications: the relay that delivers the outbox, the Notifier interface (a Python class may
// be one), the built-in notifiers, and a background thread that keeps the relay pumping.
#include <ticketflow/notify/background_relay.hpp>
#include <ticketflow/notify/notifiers.hpp>
#include <ticketflow/notify/relay.hpp>

#include "bindings.hpp"
#include "python_objects.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

using Release = py::call_guard<py::gil_scoped_release>;

/// Lets a Python class derived from ticketflow.notify.Notifier deliver. The relay calls it from
/// its own thread; the call takes the GIL, and an exception it raises is a failed attempt.
class PyNotifier : public notify::Notifier {
  public:
    notify::Delivery deliver(const OutboxEntry& entry) override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const notify::Notifier*>(this), "deliver");
        if (!override) throw py::type_error("Notifier subclass does not implement deliver()");
        try {
            return override(py::cast(entry, py::return_value_policy::copy))
                .cast<notify::Delivery>();
        } catch (py::error_already_set& raised) {
            return notify::Delivery::failure("the Python notifier raised: " +
                                             std::string(raised.what()));
        }
    }
};

void bind_values(py::module_& n) {
    bind_enum<notify::Delivery::Outcome>(n, "Outcome", "delivered, failed or rejected.",
                                         "ticketflow.notify");
    ValueClass<notify::Delivery>(n, "Delivery", "What became of one delivery attempt.")
        .field("outcome", &notify::Delivery::outcome, "notify.Outcome.")
        .field("error", &notify::Delivery::error, "Why it did not succeed.")
        .done();
    ValueClass<notify::RelayOptions>(n, "RelayOptions", "How a relay leases, retries and gives up.")
        .field("name", &notify::RelayOptions::name, "Lease owner; unique among relays.")
        .field("lease", &notify::RelayOptions::lease, "timedelta a lease lasts.")
        .field("batch", &notify::RelayOptions::batch, "Entries leased at a time.")
        .field("max_attempts", &notify::RelayOptions::max_attempts, "Failures before dead.")
        .field("first_retry", &notify::RelayOptions::first_retry, "timedelta, doubled per failure.")
        .field("max_retry", &notify::RelayOptions::max_retry, "timedelta, the longest delay.")
        .field("jitter", &notify::RelayOptions::jitter, "Each delay varies by ± this share.")
        .field("seed", &notify::RelayOptions::seed, "For the jitter; 0: from the name.")
        .done();
    ValueClass<notify::PumpReport>(n, "PumpReport", "What one pump did.")
        .field("delivered", &notify::PumpReport::delivered, "int.")
        .field("retried", &notify::PumpReport::retried, "int.")
        .field("dead", &notify::PumpReport::dead, "int.")
        .field("lost_leases", &notify::PumpReport::lost_leases, "int.")
        .done();
}

void bind_notifiers(py::module_& n) {
    py::class_<notify::Notifier, PyNotifier, std::shared_ptr<notify::Notifier>>(
        n, "Notifier",
        "Delivers outbox entries of one channel. Subclass it and implement deliver(entry) -> "
        "Delivery; an exception counts as a failed attempt. Called from the relay's thread.")
        .def(py::init<>())
        .def("deliver", &notify::Notifier::deliver, py::arg("entry"));
    py::class_<notify::JsonLinesNotifier, notify::Notifier,
               std::shared_ptr<notify::JsonLinesNotifier>>(
        n, "JsonLinesNotifier", "Appends each entry to a file as one JSON object per line.")
        .def(py::init([](const std::string& path) {
                 return std::make_shared<notify::JsonLinesNotifier>(path);
             }),
             py::arg("path"));
}

void bind_relay(py::module_& n) {
    py::class_<notify::Relay>(n, "Relay", R"doc(Delivers the store's outbox to notifiers.

    relay = ticketflow.notify.Relay(store, clock, ticketflow.notify.RelayOptions(name="relay-1"))
    relay.add_notifier("email", my_notifier)
    relay.pump()   # everything due now: delivered, retried later, or dead
)doc")
        .def(py::init([](std::shared_ptr<Store> store, std::shared_ptr<Clock> clock,
                         notify::RelayOptions options) {
                 // ValidationError naming the option, through the exception translator.
                 return notify::Relay::create(std::move(store), std::move(clock),
                                              std::move(options))
                     .value();
             }),
             py::arg("store"), py::arg("clock"),
             py::arg_v("options", notify::RelayOptions{}, "RelayOptions()"), py::keep_alive<1, 2>(),
             py::keep_alive<1, 3>())
        .def(
            "add_notifier",
            [](notify::Relay& self, std::string channel, std::shared_ptr<notify::Notifier> n) {
                self.add_notifier(std::move(channel), keeping_python_alive(std::move(n)));
            },
            py::arg("channel"), py::arg("notifier"), "The notifier for entries of `channel`.")
        .def("pump", &notify::Relay::pump, Release(),
             "Delivers everything due now; raises StorageError (nothing lost) when the store "
             "fails.")
        .def("retry_time", &notify::Relay::retry_time, py::arg("attempts"), py::arg("now"),
             "When an entry that failed `attempts` times is tried again.")
        .def_property_readonly("options", &notify::Relay::options);
    using Pumping = OwnedThread<notify::BackgroundRelay>;
    py::class_<Pumping> pumping(n, "BackgroundRelay",
                                "Calls relay.pump() on a background thread; a context "
                                "manager. on_pump(report) runs on that thread.");
    pumping
        .def(py::init(
                 [](notify::Relay& relay, std::chrono::microseconds period, py::object on_pump) {
                     auto holder = std::make_unique<Pumping>();
                     holder->thread = std::make_unique<notify::BackgroundRelay>(
                         relay, std::chrono::duration_cast<std::chrono::milliseconds>(period),
                         observer_from_python<notify::PumpReport>(
                             std::move(on_pump), "ticketflow.notify.BackgroundRelay on_pump"));
                     return holder;
                 }),
             py::arg("relay"), py::arg("period"), py::arg("on_pump") = py::none(),
             py::keep_alive<1, 2>())
        .def_property_readonly("pumps", [](const Pumping& self) { return self.thread->pumps(); })
        .def_property_readonly("failures",
                               [](const Pumping& self) { return self.thread->failures(); })
        .def_property_readonly(
            "last_error", [](const Pumping& self) { return self.thread->last_error(); },
            "The ErrorInfo of the latest failed pump, or None.");
    with_thread_control(pumping);
}

}  // namespace

void bind_notify(py::module_& m) {
    py::module_ n = m.def_submodule("notify", "Delivering notifications from the outbox.");
    bind_values(n);
    bind_notifiers(n);
    bind_relay(n);
    bind_notify_webhook(n);
    bind_notify_templates(n);
    bind_notify_rules(n);
}

}  // namespace ticketflow::python
