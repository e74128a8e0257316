from oscar.apps.shipping import repository

from .methods import PerCooperative


class Repository(repository.Repository):
    methods = (PerCooperative(),)
