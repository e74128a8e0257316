import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, refusing what a suspended or unapproved cooperative sells."""

    name = "basket"
