"""Stores written in Python, shared by the tests that drive the engine through them."""
import threading

import ticketflow as tf


class DelegatingStore(tf.Store):
    """A store written in Python that keeps everything in a MemoryStore and counts its calls."""

    def __init__(self):
        super().__init__()
        self.inner = tf.MemoryStore()
        self.calls = []
        self._lock = threading.Lock()

    def _called(self, name):
        with self._lock:
            self.calls.append(name)

    def create(self, creation):
        self._called("create")
        return self.inner.create(creation)

    def update(self, update):
        self._called("update")
        return self.inner.update(update)

    def load(self, id):
        self._called("load")
        return self.inner.load(id)

    def load_by_number(self, number):
        self._called("load_by_number")
        return self.inner.load_by_number(number)

    def find(self, query):
        self._called("find")
        return self.inner.find(query)

    def audit_trail(self, id):
        self._called("audit_trail")
        return self.inner.audit_trail(id)

    def next_sequence(self, key):
        self._called("next_sequence")
        return self.inner.next_sequence(key)

    def lease_outbox(self, lease):
        self._called("lease_outbox")
        return self.inner.lease_outbox(lease)

    def settle_outbox(self, attempt):
        self._called("settle_outbox")
        return self.inner.settle_outbox(attempt)

    def redrive_outbox(self, entry, now):
        self._called("redrive_outbox")
        return self.inner.redrive_outbox(entry, now)

    def outbox(self, query):
        self._called("outbox")
        return self.inner.outbox(query)


class BatchingStore(DelegatingStore):
    """A DelegatingStore whose batches are the inner MemoryStore's: the batch methods a store
    written in Python implements to make `store.batch()` and `engine.batch()` atomic."""

    def __init__(self):
        super().__init__()
        self._batches = {}  # thread → the inner store's batch under way

    def begin_batch(self):
        self._called("begin_batch")
        batch = self.inner.batch()
        batch.__enter__()  # ValidationError for a batch inside a batch
        self._batches[threading.get_ident()] = batch

    def commit_batch(self):
        self._called("commit_batch")
        self._batches.pop(threading.get_ident()).commit()

    def roll_back_batch(self):
        self._called("roll_back_batch")
        self._batches.pop(threading.get_ident()).roll_back()
