"""The exceptions ticketflow raises.

Every refused command raises a subclass of :class:`Error` and changes nothing. The subclass tells
what went wrong; the attributes say about what::

    try:
        engine.resolve(ticket.id, customer, "works again")
    except ticketflow.PermissionDenied as e:
        print(e.code, e.ticket_number, e.state, e.event, e.field)

A store or clock written in Python raises these too; the engine gets them back as error values.
"""

from ._ticketflow import ErrorCode, ErrorInfo


class Error(Exception):
    """Base class: an expected failure with a machine-readable ``code``.

    Attributes: ``code`` (ErrorCode), ``message``, ``field`` (offending input such as
    ``"customer.email"``, or ``""``), ``ticket`` (id or None), ``ticket_number``, ``state``
    (TicketState or None) and ``event`` (LifecycleEvent or None).
    """

    code = ErrorCode.validation_failed

    def __init__(self, message="", *, field="", ticket=None, ticket_number="", state=None,
                 event=None, code=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = ErrorCode(code)
        self.field = field
        self.ticket = ticket
        self.ticket_number = ticket_number
        self.state = state
        self.event = event

    def to_error(self):
        """The :class:`ErrorInfo` this exception carries."""
        return ErrorInfo(code=self.code, message=self.message, field=self.field,
                         ticket=self.ticket, ticket_number=self.ticket_number, state=self.state,
                         event=self.event)

    def __reduce__(self):
        return (_rebuild, (type(self), self.message, self.__dict__))


class InvalidTransition(Error):
    """The event is not allowed in the ticket's current state (or the ticket is closed)."""
    code = ErrorCode.invalid_transition


class PermissionDenied(Error):
    """The actor's role, ownership or a missing approval forbids the command."""
    code = ErrorCode.permission_denied


class ValidationError(Error, ValueError):
    """Input is missing or malformed; ``field`` names it."""
    code = ErrorCode.validation_failed


class VersionConflict(Error):
    """Someone else changed the ticket since it was read; nothing was written."""
    code = ErrorCode.version_conflict


class NotFound(Error, LookupError):
    """No such ticket."""
    code = ErrorCode.not_found


class SequenceExhausted(Error):
    """The ticket-number pattern ran out of digits for the current period."""
    code = ErrorCode.sequence_exhausted


class StorageError(Error):
    """The store could not complete the unit of work."""
    code = ErrorCode.storage_failure


class CorruptRecord(StorageError):
    """A stored record cannot be read back; ``ticket`` names it. Other tickets still work, and
    the store's ``verify()`` lists every damaged record."""
    code = ErrorCode.corrupt


_BY_CODE = {cls.code: cls for cls in (InvalidTransition, PermissionDenied, ValidationError,
                                      VersionConflict, NotFound, SequenceExhausted,
                                      StorageError, CorruptRecord)}


def from_info(info):
    """The exception for an :class:`ErrorInfo` (used when C++ reports an error)."""
    return _BY_CODE[info.code](info.message, field=info.field, ticket=info.ticket,
                               ticket_number=info.ticket_number, state=info.state,
                               event=info.event)


def _rebuild(cls, message, attributes):
    error = cls(message)
    error.__dict__.update(attributes)
    return error
