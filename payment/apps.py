import oscar.apps.payment.apps as apps


class PaymentConfig(apps.PaymentConfig):
    name = "payment"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
