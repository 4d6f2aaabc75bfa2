"""Compose rules: DC codes, one module each."""
