import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "checkout"

    def ready(self):
        super().ready()
        from . import views

        self.card_view = get_class("checkout.views", "CardPaymentView")
        self.views = views

    def get_urls(self):
        # One page replaces Oscar's address, method and preview steps.
        urls = [
            path("", self.index_view.as_view(), name="index"),
            path("card/", self.card_view.as_view(), name="card"),
            path("card/return/", self.views.card_return, name="card-return"),
            path("card/cancel/", self.views.card_cancel, name="card-cancel"),
            path("thank-you/", self.thankyou_view.as_view(), name="thank-you"),
            path(
                "order-status/<str:order_number>/<str:hash>/",
                self.views.order_status,
                name="order-status",
            ),
            path(
                "order-status/<str:order_number>/<str:hash>/vietqr.png",
                self.views.vietqr_png,
                name="vietqr-png",
            ),
            path("stripe/webhook/", self.views.stripe_webhook, name="stripe-webhook"),
            path(
                "bank-transfer/webhook/",
                self.views.bank_transfer_webhook,
                name="bank-transfer-webhook",
            ),
        ]
        return self.post_process_urls(urls)

    def get_url_decorator(self, pattern):
        return None
