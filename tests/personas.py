"""Named actors for tests: a buyer, cooperative A's and B's users, alliance staff."""

from marketplace.demo import catalogue, users

STAFF = users.STAFF
BUYER = users.BUYER
COOPERATIVE_PASSWORD = catalogue.COOPERATIVE_PASSWORD
