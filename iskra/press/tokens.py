"""Signed links for subscribers: confirming a sign-up (expires) and unsubscribing (does not).
Only the subscriber's id is inside; the signature (SECRET_KEY) makes the link unguessable."""

from django.core import signing

from iskra.press.models import Subscriber

CONFIRM_SALT = "iskra.press.subscriber.confirm"
UNSUBSCRIBE_SALT = "iskra.press.subscriber.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def subscriber_from(token: str, *, salt: str, max_age: int | None = None) -> Subscriber | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscriber.objects.select_related("publication").filter(pk=pk).first()
