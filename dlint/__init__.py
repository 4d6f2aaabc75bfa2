"""dlint: a linter for Dockerfiles and Docker Compose files, checked together."""

__version__ = "0.1.0"
