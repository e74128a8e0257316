"""CMS page models, one module per concept."""

from .base import BasePage
from .events import BoothRegistration, EventIndexPage, EventPage
from .finance import LoanProgrammeIndexPage, LoanProgrammePage
from .home import HomeFeaturedProducer, HomeFeaturedProduct, HomePage
from .honours import HonourPage, HonourRollPage
from .legal import LegalAcceptance, LegalPage
from .news import NewsArticlePage, NewsArticleTag, NewsCategory, NewsIndexPage, NewsRelatedProduct
from .search import PageSearchText
from .showcase import DisplayCentrePage, SalesPointPage, SalesPointProduct, ShowcasePage
from .training import CoursePage, SessionRegistration, TrainingIndexPage, TrainingSession

__all__ = [
    "BasePage",
    "BoothRegistration",
    "CoursePage",
    "DisplayCentrePage",
    "EventIndexPage",
    "EventPage",
    "HomeFeaturedProducer",
    "HomeFeaturedProduct",
    "HomePage",
    "HonourPage",
    "HonourRollPage",
    "LegalAcceptance",
    "LegalPage",
    "LoanProgrammeIndexPage",
    "LoanProgrammePage",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsCategory",
    "NewsIndexPage",
    "NewsRelatedProduct",
    "PageSearchText",
    "SalesPointPage",
    "SalesPointProduct",
    "SessionRegistration",
    "ShowcasePage",
    "TrainingIndexPage",
    "TrainingSession",
]
