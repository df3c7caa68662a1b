"""Template context of every page: the unread notification count for the bell, counted
only when a page shows it (lazy) and never for an anonymous visitor."""

from django.utils.functional import SimpleLazyObject


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"kt_unread": 0}
    from inspections.services.notifications import unread_count

    return {"kt_unread": SimpleLazyObject(lambda: unread_count(user))}
