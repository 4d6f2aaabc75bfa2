"""Test-wide settings: hypothesis examples have no time limit (a loaded CI machine must not
turn a slow example into a failure; speed is measured by scripts/benchmark.py)."""

from hypothesis import HealthCheck, settings

settings.register_profile("dlint", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dlint")
