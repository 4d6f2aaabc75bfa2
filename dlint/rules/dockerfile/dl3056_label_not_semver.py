"""DL3056: a label of schema type ``semver`` has an invalid value."""

from __future__ import annotations

from dlint.knowledge.label_formats import is_semver
from dlint.rules.bases import LabelValueRule


class LabelNotSemver(LabelValueRule):
    """Label value is not a semantic version.

    ## Why is this bad?
    When the label schema gives a label the type `semver`, its value must be a semantic
    version such as `1.4.2`: tools that read image metadata rely on that format.
    Accepted: A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH`, optionally with
    `-prerelease` and `+build` parts (no leading `v`). Values built from ARG or ENV are
    checked after substitution (skipped when a value is unknown); empty values are left
    to DL3051.

    ## Example
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.version" = "semver" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.version="v1.4"
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    label-schema = { "org.opencontainers.image.version" = "semver" }
    ```
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.version="1.4.0"
    ```

    ## Options
    - `label-schema` (mapping of label key to type): the labels whose value this
      rule checks are those of type `semver`. Without a schema the rule is silent.

    ## References
    - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    """

    code = "DL3056"
    name = "label-not-semver"
    label_type = "semver"
    expected = "a semantic version such as 1.4.2"
    is_valid = staticmethod(is_semver)
