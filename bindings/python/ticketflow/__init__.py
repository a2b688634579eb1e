"""ticketflow: an embeddable workflow engine for after-sales service and support tickets.

The same engine as the C++ library: intake with ticket numbers, a lifecycle that refuses what is
not allowed, an audit trail of every change, and pluggable stores and clocks::

    import datetime as dt
    import ticketflow as tf

    clock = tf.ManualClock(dt.datetime(2023, 10, 1, 9, 0, tzinfo=dt.timezone.utc))
    engine = tf.Engine(tf.MemoryStore(), clock)
    draft = tf.TicketDraft(title="Printer jams", description="Every second page",
                           customer=tf.Customer(id="c-1", name="Example Ltd"),
                           category="hardware_fault")
    ticket = engine.open(draft, tf.Actor.customer("c-1"))
    print(ticket.number)  # HT202310010001

Times are timezone-aware ``datetime`` objects (naive ones are refused); ids are ``int`` (tickets)
or ``str`` (agents, teams, customers, actors); enumerations are ``enum.StrEnum`` members.
Refused commands raise subclasses of :class:`ticketflow.Error`.
"""

import json as _json
import sys as _sys

from . import _ticketflow
from ._ticketflow import *  # noqa: F401,F403  (the bound classes and enums)
from ._ticketflow import __version__, dispatch, importer, lifecycle, notify, sla
from .errors import (CorruptRecord, Error, InvalidTransition, NotFound, PermissionDenied,
                     SequenceExhausted, StorageError, ValidationError, VersionConflict)


def _value_classes():
    for scope in (_ticketflow, _ticketflow.dispatch, _ticketflow.lifecycle, _ticketflow.notify,
                  _ticketflow.sla):
        for name in dir(scope):
            cls = getattr(scope, name)
            if isinstance(cls, type) and "_fields" in cls.__dict__:
                yield cls


def _give_keywords_repr_and_dicts(cls):
    """Keyword construction, a readable repr, pickling, and to_dict/from_dict where JSON exists."""
    bound_init = cls.__init__
    fields = cls._fields

    def __init__(self, **values):
        bound_init(self)
        for name, value in values.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__}() has no field {name!r}; fields: {', '.join(fields)}")
            setattr(self, name, value)

    def __repr__(self):
        shown = (f"{name}={getattr(self, name)!r}" for name in fields)
        return f"{cls.__name__}({', '.join(shown)})"

    def __reduce__(self):
        # The JSON document is complete where there is one (it also holds what is not a field,
        # such as a policy's targets); otherwise the fields are.
        if hasattr(cls, "_to_json"):
            return (_from_json_text, (cls, self._to_json()))
        return (_rebuild, (cls, {name: getattr(self, name) for name in fields}))

    __init__.__doc__ = f"{cls.__name__}(**fields): any of {', '.join(fields)}."
    cls.__init__ = __init__
    cls.__repr__ = __repr__
    cls.__reduce__ = __reduce__
    if hasattr(cls, "_to_json"):
        cls.to_dict = _to_dict
        cls.from_dict = classmethod(_from_dict)


def _to_dict(self):
    """The JSON document of this value, as plain Python objects (dicts, lists, str, int)."""
    return _json.loads(self._to_json())


def _from_dict(cls, document):
    """Reads a value from plain Python objects; raises ValidationError naming the bad field."""
    return cls._from_json(_json.dumps(document))


def _rebuild(cls, values):
    return cls(**values)


def _from_json_text(cls, text):
    return cls._from_json(text)


for _cls in _value_classes():
    _give_keywords_repr_and_dicts(_cls)
del _cls

# The submodules are importable by name too (`import ticketflow.sla`), which pickling their
# enumerations relies on.
for _name in ("dispatch", "importer", "lifecycle", "notify", "sla"):
    _sys.modules[f"{__name__}.{_name}"] = getattr(_ticketflow, _name)
del _name
