"""Review moderation: a cooperative's users see and moderate only their own products' reviews."""

from __future__ import annotations

from oscar.apps.dashboard.reviews import views


class CooperativeScopeMixin:
    """Another cooperative's review is not found (404), in lists and by id alike."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_staff:
            return queryset
        return queryset.filter(product__stockrecords__partner__users=user).distinct()


class ReviewListView(CooperativeScopeMixin, views.ReviewListView):
    pass


class ReviewUpdateView(CooperativeScopeMixin, views.ReviewUpdateView):
    pass


class ReviewDeleteView(CooperativeScopeMixin, views.ReviewDeleteView):
    pass
