"""Every error accord raises on purpose. Each names the bad input and, where it helps, what is valid.

The CLI prints `str(error)` as one line and exits with `error.exit_code`; no traceback reaches users.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class. `code` is a short stable reason code, also used for batch rejections."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, input: str | None = None, valid: str | None = None):
        self.input = input
        self.valid = valid
        text = message
        if valid:
            text += f" (valid: {valid})"
        super().__init__(text)


class InputError(AccordError):
    """An input that cannot be read as an article."""

    code = "bad_input"
    exit_code = 2


class InputNotFound(InputError):
    code = "not_found"


class InputIsDirectory(InputError):
    code = "is_directory"


class BinaryInput(InputError):
    code = "binary"


class EmptyInput(InputError):
    code = "empty"


class InputTooLarge(InputError):
    code = "too_large"


class MalformedRecord(InputError):
    code = "malformed"


class InvalidText(InputError):
    """A field holding what no store can keep: a lone UTF-16 surrogate, or NUL in a name."""

    code = "bad_text"


class NotRegularFile(InputError):
    """A FIFO, device, socket (or a link to one): reading it could block or never end."""

    code = "not_a_file"


class Interrupted(AccordError):
    """Ctrl-C (SIGINT) or SIGTERM during a run: what was committed stays, a rerun resumes."""

    code = "interrupted"
    exit_code = 130


class DateError(AccordError):
    code = "bad_date"
    exit_code = 2


class DataFileError(AccordError):
    """A knowledge-base or pattern file that does not follow its format."""

    code = "bad_data_file"
    exit_code = 2


class ModelNotInstalled(AccordError):
    code = "model_missing"
    exit_code = 3


class StoreError(AccordError):
    code = "store"
    exit_code = 4


class UnknownActor(AccordError):
    code = "unknown_actor"
    exit_code = 2


class EvalFileError(AccordError):
    code = "bad_gold_file"
    exit_code = 2
