"""The rules, one module each, in a folder per kind of file: ``dockerfile/`` (DL, DF),
``compose/`` (DC), ``project/`` (DX); found automatically by dlint.engine.registry.
``bases.py`` holds base classes several rules share; ``_index.py`` is generated."""
