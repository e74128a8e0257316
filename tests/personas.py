"""Named actors for tests: a buyer, cooperative A's and B's users, alliance staff."""

from marketplace.demo import catalogue, users

STAFF = users.STAFF
BUYER = users.BUYER
COOPERATIVE_PASSWORD = catalogue.COOPERATIVE_PASSWORD

# Cooperatives A and B: the first two demo cooperatives, each with its own user.
COOPERATIVE_A, COOPERATIVE_B = catalogue.read_cooperatives()[:2]
