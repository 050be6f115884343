"""Log records as one JSON object per line (NAVET_LOG_FORMAT=json), for journald, Loki, Elastic
and the like: time, level, logger, message, the process, and the exception when there is one.
Imports no Django, so that settings can name it."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else was passed in `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if _plain(value) else repr(value)
        return json.dumps(entry, ensure_ascii=False)


def _plain(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)
