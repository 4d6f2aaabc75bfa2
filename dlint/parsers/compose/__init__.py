"""The Compose front end.

- :func:`dlint.parsers.compose.load.load_compose_file`: one file → :class:`~dlint.models.compose.ComposeFile`
  (YAML with positions, schema check, interpolation check, typed models; problems as located issues).
- :func:`dlint.parsers.compose.project.load_compose_project`: files in ``-f`` order →
  :class:`~dlint.models.compose.ComposeProject` (override merging, ``include``, ``extends``, ``.env``).
- :func:`dlint.parsers.compose.project.discover_compose_files`: the main and override file of a folder.
- :func:`dlint.parsers.compose_lint.lint_compose`: what the lint API calls for Compose sources.
"""
