"""What a scan tells other apps: a scan was logged, a visitor shared their location."""

from django.dispatch import Signal

scan_recorded = Signal()  # request, scan
location_recorded = Signal()  # request, scan
