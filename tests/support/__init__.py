"""Test tooling shared by the test modules and ``make bench``: the browser, the servers, the built pages.

Test modules import from here, never from each other.
"""
