"""Typed, position-carrying models of Dockerfiles, Compose files and findings."""
