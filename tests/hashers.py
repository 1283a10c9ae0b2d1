"""A cheap Argon2 for the test suite.

Production hashes with Argon2's default cost, which is slow on purpose; the suite creates
hundreds of people. Hashes stay real Argon2 ("argon2$..."), only with the lowest cost.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1
