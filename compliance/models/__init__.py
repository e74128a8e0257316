"""The marketplace's legal duties: consents, complaints, data-subject requests, breaches, listing review."""

from .breaches import Breach
from .complaints import Complaint, ComplaintEvent, ComplaintPhoto
from .consents import ConsentRecord, SignedInScan
from .listings import ListingRecord, ListingReview, TrustedSeller
from .requests import DataRequest

__all__ = [
    "Breach",
    "Complaint",
    "ComplaintEvent",
    "ComplaintPhoto",
    "ConsentRecord",
    "DataRequest",
    "ListingRecord",
    "ListingReview",
    "SignedInScan",
    "TrustedSeller",
]
