"""The date the test suite's reference build shows, so every expected value can be written from the law for one day.

On 01/12/2026: income floor 1.500.000 (rural poverty line, Decree 351/2025 keeps the 2022–2025 line for 2026),
reference level 2.530.000 (Decree 161/2026, from 01/07/2026), support 50/40/30/20 % (Decree 159/2025 Art 5), and
the floor of 2.200.000 from 01/01/2027 (Decree 351/2025, unconfirmed) inside the 90-day transition window.
"""

from __future__ import annotations

import datetime as dt

TEST_DATE = dt.date(2026, 12, 1)
