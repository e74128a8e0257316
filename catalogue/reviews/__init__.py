default_app_config = "catalogue.reviews.apps.CatalogueReviewsConfig"
