#include <ticketflow/engine/ticker.hpp>

namespace ticketflow {

BackgroundTicker::BackgroundTicker(Engine& engine, std::chrono::milliseconds period,
                                   Observer on_tick)
    : engine_(engine), period_(period), on_tick_(std::move(on_tick)), thread_([this] { run(); }) {}

BackgroundTicker::~BackgroundTicker() {
    stop();
}

void BackgroundTicker::stop() {
    {
        std::lock_guard locked(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::uint64_t BackgroundTicker::ticks() const {
    std::lock_guard locked(mutex_);
    return ticks_;
}

void BackgroundTicker::run() {
    std::unique_lock locked(mutex_);
    while (!stopping_) {
        locked.unlock();
        const TickReport report = engine_.tick();
        if (on_tick_) on_tick_(report);
        locked.lock();
        ++ticks_;
        wake_.wait_for(locked, period_, [this] { return stopping_; });
    }
}

}  // namespace ticketflow
