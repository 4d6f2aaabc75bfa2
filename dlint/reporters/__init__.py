"""Reporters: findings to text, JSON, SARIF and CI formats (pure renderers)."""
