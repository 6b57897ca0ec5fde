"""A log formatter writing each record as one line of key=value pairs."""

import logging
import time


def quote(value):
    """The value as a double-quoted string on one line."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


class KeyValueFormatter(logging.Formatter):
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    # UTC, whatever TIME_ZONE says: lines from several hosts sort together.
    converter = staticmethod(time.gmtime)

    def format(self, record):
        fields = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": quote(record.getMessage()),
        }
        if record.exc_info:
            fields["exception"] = quote(self.formatException(record.exc_info))
        return " ".join(f"{key}={value}" for key, value in fields.items())
