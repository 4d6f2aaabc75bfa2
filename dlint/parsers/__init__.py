"""Parsers: source text to models."""
