"""The rules, one module each; found automatically by dlint.engine.registry."""
