"""Log formatters writing each record as one line of key=value pairs."""

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

    def prefix(self, record):
        return f"time={self.formatTime(record)} level={record.levelname} logger={record.name}"

    def format(self, record):
        line = f"{self.prefix(record)} message={quote(record.getMessage())}"
        if record.exc_info:
            line += f" exception={quote(self.formatException(record.exc_info))}"
        return line


class AccessLogFormatter(KeyValueFormatter):
    """For gunicorn's access log, whose messages are key=value pairs already
    (see access_log_format in gunicorn.conf.py)."""

    def format(self, record):
        return f"{self.prefix(record)} {record.getMessage()}"
