#pragma once
// A SQLite VFS that forwards to the platform's default VFS but fails reads, writes or syncs of a
// database and its WAL on demand, so tests can see what the store does when the disk goes bad.

#include <atomic>
#include <cstdint>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace ticketflow::testing {

/// Registers itself with SQLite under `name` for its lifetime; open a store through it with
/// `SqliteOptions::vfs = vfs.name()`. Faults apply to the main database and WAL files of every
/// connection opened through it; everything else (the shm, temp files) is passed through. It
/// must outlive every connection opened through it.
///
///     FaultyVfs vfs;
///     vfs.fail_writes_after(3);  // the 4th write from now, and every later one, fails
///     ...                        // the store reports storage_failure
///     vfs.heal();                // the disk is good again
class FaultyVfs {
  public:
    /// One kind of file operation that can be made to fail.
    enum class Operation { read, write, sync };
    /// Which files an armed fault reaches. In WAL mode only checkpoints write the database file.
    enum class Files : unsigned { database = 1, wal = 2, database_and_wal = 3 };

    explicit FaultyVfs(std::string name = "ticketflow-faulty")
        : name_(std::move(name)), real_(sqlite3_vfs_find(nullptr)) {
        // SQLite finds a VFS by name: two of the same name would make the tests ambiguous.
        if (real_ == nullptr || sqlite3_vfs_find(name_.c_str()) != nullptr) {
            throw std::logic_error("cannot register the SQLite VFS " + name_);
        }
        vfs_ = forwarding_vfs(*real_, name_, this);
        if (sqlite3_vfs_register(&vfs_, 0) != SQLITE_OK) {
            throw std::logic_error("cannot register the SQLite VFS " + name_);
        }
    }
    ~FaultyVfs() { sqlite3_vfs_unregister(&vfs_); }
    FaultyVfs(const FaultyVfs&) = delete;
    FaultyVfs& operator=(const FaultyVfs&) = delete;

    const std::string& name() const noexcept { return name_; }

    /// After `successes` more writes succeed, every write fails with `code` until `heal()`.
    void fail_writes_after(std::uint64_t successes, int code = SQLITE_IOERR_WRITE,
                           Files files = Files::database_and_wal) {
        trigger(Operation::write).arm(successes, code, files);
    }
    /// The disk fills up: after `successes` more writes, every write fails with SQLITE_FULL.
    void fill_disk_after(std::uint64_t successes) { fail_writes_after(successes, SQLITE_FULL); }
    /// After `successes` more syncs (fsync) succeed, every sync fails until `heal()`.
    void fail_syncs_after(std::uint64_t successes, int code = SQLITE_IOERR_FSYNC) {
        trigger(Operation::sync).arm(successes, code, Files::database_and_wal);
    }
    /// After `successes` more reads succeed, every read fails until `heal()`. Memory-mapped
    /// reads are refused meanwhile, so SQLite has to read through xRead.
    void fail_reads_after(std::uint64_t successes, int code = SQLITE_IOERR_READ) {
        trigger(Operation::read).arm(successes, code, Files::database_and_wal);
    }
    /// Every operation succeeds again; the counts are kept.
    void heal() noexcept {
        for (Trigger& t : triggers_) t.disarm();
    }

    /// How many operations of this kind reached a database or WAL file, failed ones included.
    std::uint64_t count(Operation op) const noexcept { return trigger(op).calls.load(); }
    /// How many operations of this kind were made to fail.
    std::uint64_t injected(Operation op) const noexcept { return trigger(op).injected.load(); }
    /// How many operations of any kind were made to fail.
    std::uint64_t injected() const noexcept {
        std::uint64_t total = 0;
        for (const Trigger& t : triggers_) total += t.injected.load();
        return total;
    }

  private:
    // Counts down the successes still allowed; -1 means disarmed. Atomic, because the store's
    // writer and its readers may reach the VFS from several threads at once.
    struct Trigger {
        std::atomic<std::int64_t> remaining{-1};
        std::atomic<int> code{SQLITE_OK};
        std::atomic<unsigned> files{0};
        std::atomic<std::uint64_t> calls{0};
        std::atomic<std::uint64_t> injected{0};

        void arm(std::uint64_t successes, int failure, Files reached) noexcept {
            code.store(failure);
            files.store(static_cast<unsigned>(reached));
            remaining.store(static_cast<std::int64_t>(successes));
        }
        void disarm() noexcept { remaining.store(-1); }
        bool armed() const noexcept { return remaining.load() >= 0; }

        /// SQLITE_OK when this call on a file of kind `file` may go ahead, the armed code when
        /// it must fail. Only calls on the files the fault reaches count towards `successes`.
        int next(Files file) noexcept {
            calls.fetch_add(1);
            if ((files.load() & static_cast<unsigned>(file)) == 0) return SQLITE_OK;
            std::int64_t left = remaining.load();
            while (left > 0) {
                if (remaining.compare_exchange_weak(left, left - 1)) return SQLITE_OK;
            }
            if (left < 0) return SQLITE_OK;
            injected.fetch_add(1);
            return code.load();
        }
    };

    // What SQLite allocates for each file opened through this VFS (szOsFile bytes): this header,
    // then the real VFS's file. The header is pointer-aligned, so the real file is too.
    struct File {
        sqlite3_file base;  // first, so SQLite's sqlite3_file* points at it
        FaultyVfs* owner;
        bool faulty;  // a main database or WAL file: the only ones that get faults
        Files kind;   // which of the two, when faulty
        sqlite3_file* real() noexcept { return reinterpret_cast<sqlite3_file*>(this + 1); }
    };
    static_assert(sizeof(File) % alignof(void*) == 0, "the real file must stay aligned");

    Trigger& trigger(Operation op) noexcept { return triggers_[static_cast<int>(op)]; }
    const Trigger& trigger(Operation op) const noexcept { return triggers_[static_cast<int>(op)]; }

    static FaultyVfs& self(sqlite3_vfs* vfs) noexcept {
        return *static_cast<FaultyVfs*>(vfs->pAppData);
    }
    static File& file(sqlite3_file* f) noexcept { return *reinterpret_cast<File*>(f); }
    static sqlite3_file* real(sqlite3_file* f) noexcept { return file(f).real(); }
    static const sqlite3_io_methods& real_methods(sqlite3_file* f) noexcept {
        return *real(f)->pMethods;
    }

    // A copy of the real VFS under our name, with our xOpen and every other method forwarding.
    static sqlite3_vfs forwarding_vfs(const sqlite3_vfs& real, const std::string& name,
                                      FaultyVfs* owner) {
        sqlite3_vfs vfs{};
        vfs.iVersion = real.iVersion;
        vfs.szOsFile = static_cast<int>(sizeof(File)) + real.szOsFile;
        vfs.mxPathname = real.mxPathname;
        vfs.zName = name.c_str();
        vfs.pAppData = owner;
        vfs.xOpen = open;
        vfs.xDelete = [](sqlite3_vfs* v, const char* path, int sync_dir) {
            return self(v).real_->xDelete(self(v).real_, path, sync_dir);
        };
        vfs.xAccess = [](sqlite3_vfs* v, const char* path, int flags, int* result) {
            return self(v).real_->xAccess(self(v).real_, path, flags, result);
        };
        vfs.xFullPathname = [](sqlite3_vfs* v, const char* path, int size, char* out) {
            return self(v).real_->xFullPathname(self(v).real_, path, size, out);
        };
        forward_dynamic_loading(vfs);
        forward_system(real, vfs);
        return vfs;
    }

    static void forward_dynamic_loading(sqlite3_vfs& vfs) {
        vfs.xDlOpen = [](sqlite3_vfs* v, const char* path) {
            return self(v).real_->xDlOpen(self(v).real_, path);
        };
        vfs.xDlError = [](sqlite3_vfs* v, int size, char* message) {
            self(v).real_->xDlError(self(v).real_, size, message);
        };
        vfs.xDlSym = [](sqlite3_vfs* v, void* library, const char* symbol) {
            return self(v).real_->xDlSym(self(v).real_, library, symbol);
        };
        vfs.xDlClose = [](sqlite3_vfs* v, void* library) {
            self(v).real_->xDlClose(self(v).real_, library);
        };
    }

    // Time, randomness, sleeping and system calls; the later ones only where the real VFS has
    // them, so SQLite's iVersion checks see the same VFS it would otherwise use.
    static void forward_system(const sqlite3_vfs& real, sqlite3_vfs& vfs) {
        vfs.xRandomness = [](sqlite3_vfs* v, int size, char* out) {
            return self(v).real_->xRandomness(self(v).real_, size, out);
        };
        vfs.xSleep = [](sqlite3_vfs* v, int microseconds) {
            return self(v).real_->xSleep(self(v).real_, microseconds);
        };
        vfs.xCurrentTime = [](sqlite3_vfs* v, double* now) {
            return self(v).real_->xCurrentTime(self(v).real_, now);
        };
        vfs.xGetLastError = [](sqlite3_vfs* v, int size, char* message) {
            return self(v).real_->xGetLastError(self(v).real_, size, message);
        };
        if (real.iVersion >= 2 && real.xCurrentTimeInt64 != nullptr) {
            vfs.xCurrentTimeInt64 = [](sqlite3_vfs* v, sqlite3_int64* now) {
                return self(v).real_->xCurrentTimeInt64(self(v).real_, now);
            };
        }
        if (real.iVersion >= 3) {
            vfs.xSetSystemCall = [](sqlite3_vfs* v, const char* name, sqlite3_syscall_ptr call) {
                return self(v).real_->xSetSystemCall(self(v).real_, name, call);
            };
            vfs.xGetSystemCall = [](sqlite3_vfs* v, const char* name) {
                return self(v).real_->xGetSystemCall(self(v).real_, name);
            };
            vfs.xNextSystemCall = [](sqlite3_vfs* v, const char* name) {
                return self(v).real_->xNextSystemCall(self(v).real_, name);
            };
        }
    }

    static int open(sqlite3_vfs* v, sqlite3_filename path, sqlite3_file* f, int flags,
                    int* out_flags) {
        FaultyVfs& vfs = self(v);
        File& opened = file(f);
        opened.owner = &vfs;
        opened.faulty = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0;
        opened.kind = (flags & SQLITE_OPEN_WAL) != 0 ? Files::wal : Files::database;
        opened.real()->pMethods = nullptr;
        const int code = vfs.real_->xOpen(vfs.real_, path, opened.real(), flags, out_flags);
        // SQLite calls xClose whenever pMethods is set, even after a failed open; it must then
        // reach the real file exactly when the real VFS left something to close.
        const sqlite3_io_methods* methods = opened.real()->pMethods;
        opened.base.pMethods = methods == nullptr ? nullptr : &io_methods(methods->iVersion);
        return code;
    }

    // Faults only reach database and WAL files, and only while the test has armed them.
    static int fault(sqlite3_file* f, Operation op) noexcept {
        File& opened = file(f);
        return opened.faulty ? opened.owner->trigger(op).next(opened.kind) : SQLITE_OK;
    }

    // One table per iVersion the real file may report, so SQLite sees the same capabilities
    // (version 2 adds the shm methods WAL needs, version 3 memory-mapped reads).
    static const sqlite3_io_methods& io_methods(int version) noexcept {
        static const sqlite3_io_methods tables[] = {methods_table(1), methods_table(2),
                                                    methods_table(3)};
        const int clamped = version < 1 ? 1 : (version > 3 ? 3 : version);
        return tables[clamped - 1];
    }

    static sqlite3_io_methods methods_table(int version) {
        sqlite3_io_methods m{};
        m.iVersion = version;
        forward_io(m);
        forward_locking(m);
        if (version >= 2) forward_shm(m);
        if (version >= 3) forward_fetch(m);
        return m;
    }

    static void forward_io(sqlite3_io_methods& m) {
        m.xClose = [](sqlite3_file* f) { return real_methods(f).xClose(real(f)); };
        m.xRead = [](sqlite3_file* f, void* buffer, int size, sqlite3_int64 offset) {
            const int code = fault(f, Operation::read);
            if (code != SQLITE_OK) return code;
            return real_methods(f).xRead(real(f), buffer, size, offset);
        };
        m.xWrite = [](sqlite3_file* f, const void* buffer, int size, sqlite3_int64 offset) {
            const int code = fault(f, Operation::write);
            if (code != SQLITE_OK) return code;
            return real_methods(f).xWrite(real(f), buffer, size, offset);
        };
        m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
            return real_methods(f).xTruncate(real(f), size);
        };
        m.xSync = [](sqlite3_file* f, int flags) {
            const int code = fault(f, Operation::sync);
            if (code != SQLITE_OK) return code;
            return real_methods(f).xSync(real(f), flags);
        };
        m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
            return real_methods(f).xFileSize(real(f), size);
        };
        m.xFileControl = [](sqlite3_file* f, int op, void* argument) {
            return real_methods(f).xFileControl(real(f), op, argument);
        };
        m.xSectorSize = [](sqlite3_file* f) { return real_methods(f).xSectorSize(real(f)); };
        m.xDeviceCharacteristics = [](sqlite3_file* f) {
            return real_methods(f).xDeviceCharacteristics(real(f));
        };
    }

    static void forward_locking(sqlite3_io_methods& m) {
        m.xLock = [](sqlite3_file* f, int level) { return real_methods(f).xLock(real(f), level); };
        m.xUnlock = [](sqlite3_file* f, int level) {
            return real_methods(f).xUnlock(real(f), level);
        };
        m.xCheckReservedLock = [](sqlite3_file* f, int* reserved) {
            return real_methods(f).xCheckReservedLock(real(f), reserved);
        };
    }

    static void forward_shm(sqlite3_io_methods& m) {
        m.xShmMap = [](sqlite3_file* f, int region, int size, int extend, void volatile** mapped) {
            return real_methods(f).xShmMap(real(f), region, size, extend, mapped);
        };
        m.xShmLock = [](sqlite3_file* f, int offset, int n, int flags) {
            return real_methods(f).xShmLock(real(f), offset, n, flags);
        };
        m.xShmBarrier = [](sqlite3_file* f) { real_methods(f).xShmBarrier(real(f)); };
        m.xShmUnmap = [](sqlite3_file* f, int delete_file) {
            return real_methods(f).xShmUnmap(real(f), delete_file);
        };
    }

    static void forward_fetch(sqlite3_io_methods& m) {
        m.xFetch = [](sqlite3_file* f, sqlite3_int64 offset, int size, void** page) {
            // No page and SQLITE_OK tells SQLite to use xRead, where the read fault is waiting.
            if (file(f).faulty && file(f).owner->trigger(Operation::read).armed()) {
                *page = nullptr;
                return SQLITE_OK;
            }
            return real_methods(f).xFetch(real(f), offset, size, page);
        };
        m.xUnfetch = [](sqlite3_file* f, sqlite3_int64 offset, void* page) {
            return real_methods(f).xUnfetch(real(f), offset, page);
        };
    }

    std::string name_;
    sqlite3_vfs* real_;
    sqlite3_vfs vfs_{};
    Trigger triggers_[3];
};

}  // namespace ticketflow::testing
