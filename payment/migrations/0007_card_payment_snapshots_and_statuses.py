"""Card payment attempts keep a snapshot of what they charge for and a status; none is deleted."""

from django.db import migrations, models


def statuses_from_failed(apps, schema_editor):
    StripeCheckout = apps.get_model("payment", "StripeCheckout")
    StripeCheckout.objects.filter(order__isnull=False).update(status="placed")
    StripeCheckout.objects.filter(order__isnull=True, failed=True).update(status="failed")


def failed_from_statuses(apps, schema_editor):
    StripeCheckout = apps.get_model("payment", "StripeCheckout")
    StripeCheckout.objects.exclude(status__in=["open", "placed"]).update(failed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("payment", "0006_receiving_account_stripe_bank_transfers"),
    ]

    operations = [
        migrations.AddField(
            model_name="stripecheckout",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "In progress"),
                    ("placed", "Order placed"),
                    ("failed", "Failed"),
                    ("cancelled", "Cancelled"),
                    ("superseded", "Superseded by a later attempt"),
                    ("expired", "Expired"),
                ],
                default="open",
                max_length=12,
            ),
        ),
        migrations.RunPython(statuses_from_failed, failed_from_statuses),
        migrations.RemoveField(
            model_name="stripecheckout",
            name="failed",
        ),
        migrations.AddField(
            model_name="stripecheckout",
            name="closed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="stripecheckout",
            name="note",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="stripecheckout",
            name="refund_id",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="stripecheckout",
            name="refunded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="stripecheckout",
            name="snapshot",
            field=models.JSONField(default=dict),
        ),
        migrations.AlterField(
            model_name="stripecheckout",
            name="order_number",
            field=models.CharField(db_index=True, max_length=128),
        ),
        migrations.AddConstraint(
            model_name="stripecheckout",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("basket",),
                name="one_open_card_payment_per_basket",
            ),
        ),
    ]
