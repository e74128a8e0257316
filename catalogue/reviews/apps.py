import oscar.apps.catalogue.reviews.apps as apps


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    """Oscar's reviews, with the cooperative's reply and its reports to staff."""

    name = "catalogue.reviews"
