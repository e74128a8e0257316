"""The API's URLs under /api/v1/: public reads first, then a cooperative's own data and writes."""

from django.urls import path, re_path

from . import views_batches as batches
from . import views_private as private
from . import views_public as public
from . import views_write as write
from .docs import not_found

app_name = "api"

urlpatterns = [
    path("products/", public.ProductList.as_view(), name="product-list"),
    path("products/<str:ref>/", public.ProductDetail.as_view(), name="product-detail"),
    path("categories/", public.CategoryList.as_view(), name="category-list"),
    path("producers/", public.ProducerList.as_view(), name="producer-list"),
    path("producers/<str:ref>/", public.ProducerDetail.as_view(), name="producer-detail"),
    path("certificates/", public.CertificateList.as_view(), name="certificate-list"),
    path(
        "certificates/<str:number>/",
        public.CertificateDetail.as_view(),
        name="certificate-detail",
    ),
    path("batches/", public.BatchList.as_view(), name="batch-list"),
    path("batches/<str:ref>/", public.BatchDetail.as_view(), name="batch-detail"),
    path("batches/<str:ref>/epcis/", public.BatchEpcis.as_view(), name="batch-epcis"),
    path("fairs/", public.FairList.as_view(), name="fair-list"),
    path("training-sessions/", public.TrainingSessionList.as_view(), name="training-list"),
    # A cooperative's own data and writes, with its token.
    path("me/", private.Me.as_view(), name="me"),
    path("me/stock/", write.Stock.as_view(), name="stock"),
    path("me/batches/", write.OwnBatches.as_view(), name="own-batches"),
    path("me/batches/<str:ref>/", batches.OwnBatch.as_view(), name="own-batch"),
    path(
        "me/batches/<str:ref>/corrections/",
        batches.Corrections.as_view(),
        name="own-batch-corrections",
    ),
    path("me/batches/<str:ref>/publish/", write.Publish.as_view(), name="own-batch-publish"),
    path("me/batches/<str:ref>/events/", write.Events.as_view(), name="own-batch-events"),
    path("me/batches/<str:ref>/label-runs/", write.LabelRuns.as_view(), name="own-label-runs"),
    path("me/label-runs/<str:ref>/", private.LabelRunDetail.as_view(), name="own-label-run"),
    path("me/label-runs/<str:ref>/pdf/", private.LabelRunPdf.as_view(), name="own-label-run-pdf"),
    re_path(r"^.*$", not_found),
]
