"""The mailer used when no SMTP server is configured."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class UnconfiguredEmailBackend(BaseEmailBackend):
    """Sends nothing and says so in the log: the portal works without email (SMTP_HOST unset)."""

    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning("Email not sent (SMTP_HOST is not set): %s", message.subject)
        return 0
