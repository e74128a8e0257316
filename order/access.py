"""Who sees the dashboard's Shipments entry (imported by the settings: no models here)."""


def shipments_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff or user.has_perm("partner.dashboard_access")
